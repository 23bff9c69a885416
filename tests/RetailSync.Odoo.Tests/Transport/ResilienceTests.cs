using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RetailSync.Odoo.Tests.Transport;

public sealed class ResilienceTests
{
    [Fact]
    public async Task A_read_is_replayed_by_the_http_layer_after_a_5xx()
    {
        var reads = 0;
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(Interlocked.Increment(ref reads) <= 2
            ? StubOdooHandler.Json("<html>bad gateway</html>", HttpStatusCode.BadGateway)
            : StubOdooHandler.RpcResult(r, """[{"id":1}]""")));
        await using var provider = StubOdoo.Create(handler, o => o.Retry.MaxRetryAttempts = 3);

        var records = await provider.GetRequiredService<OdooClient>().SearchReadAsync("res.partner", [], ["id"]);

        Assert.Single(records);
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task A_write_is_never_replayed_blindly_by_the_http_layer()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.Json("", HttpStatusCode.ServiceUnavailable)));
        await using var provider = StubOdoo.Create(handler, o => o.Retry.MaxRetryAttempts = 3);

        var error = await Assert.ThrowsAsync<OdooTransientException>(() =>
            provider.GetRequiredService<OdooClient>().CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "x" }));

        Assert.False(error.CircuitOpen);
        Assert.Single(handler.Requests, r => r.ModelMethod == "res.partner.create");
    }

    [Fact]
    public async Task A_hanging_write_times_out_as_transient_and_is_sent_once()
    {
        var release = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = StubOdoo.JsonRpc(r => release.Task);
        await using var provider = StubOdoo.Create(handler, o =>
        {
            o.Version = 17;
            o.Timeout = TimeSpan.FromMilliseconds(100);
        });
        var client = provider.GetRequiredService<OdooClient>();

        var error = await Assert.ThrowsAsync<OdooTransientException>(() => client.CallAsync("sale.order", "action_confirm", [1]));

        Assert.Contains("in time", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests, r => r.ModelMethod == "sale.order.action_confirm");
    }

    [Fact]
    public async Task A_hanging_read_is_replayed_until_it_answers()
    {
        var attempts = 0;
        var handler = StubOdoo.JsonRpc(r => Interlocked.Increment(ref attempts) < 3
            ? new TaskCompletionSource<HttpResponseMessage>().Task
            : Task.FromResult(StubOdooHandler.RpcResult(r, """[{"id":1}]""")));
        await using var provider = StubOdoo.Create(handler, o =>
        {
            o.Version = 17;
            o.Timeout = TimeSpan.FromMilliseconds(100);
        });

        var records = await provider.GetRequiredService<OdooClient>().SearchReadAsync("res.partner", [], ["id"]);

        Assert.Single(records);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_calls_then_fail_fast_without_reaching_odoo()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.Json("", HttpStatusCode.InternalServerError)));
        await using var provider = StubOdoo.Create(handler, o =>
        {
            o.Version = 17;
            o.Retry.MaxRetryAttempts = 0;
            o.CircuitBreaker.MinimumThroughput = 2;
            o.CircuitBreaker.FailureRatio = 0.5;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromMinutes(5);
        });
        var client = provider.GetRequiredService<OdooClient>();

        OdooTransientException? last = null;
        for (var i = 0; i < 10 && last?.CircuitOpen != true; i++)
        {
            last = await Assert.ThrowsAsync<OdooTransientException>(() => client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "x" }));
        }

        Assert.True(last!.CircuitOpen);
        var reached = handler.Requests.Count;
        var again = await Assert.ThrowsAsync<OdooTransientException>(() => client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "x" }));
        Assert.True(again.CircuitOpen);
        Assert.Equal(reached, handler.Requests.Count);
    }

    [Fact]
    public async Task No_more_calls_than_the_concurrency_bound_are_in_flight()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = StubOdoo.JsonRpc(async r =>
        {
            await gate.Task;
            return StubOdooHandler.RpcResult(r, "[]");
        });
        await using var provider = StubOdoo.Create(handler, o =>
        {
            o.Version = 17;
            o.MaxConcurrency = 3;
        });
        var client = provider.GetRequiredService<OdooClient>();
        gate.SetResult(); // let the login and one warm-up read through
        await client.SearchReadAsync("res.partner", [], ["id"]);
        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 12).Select(_ => client.SearchReadAsync("res.partner", [], ["id"])).ToList();
        await WaitUntil(() => handler.InFlight == 3);
        var arrivedWhileBlocked = handler.Requests.Count;
        gate.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(3, handler.MaxInFlight);
        Assert.Equal(2 + 3, arrivedWhileBlocked); // authenticate + the warm-up read + exactly three blocked calls
    }

    [Fact]
    public async Task The_api_key_never_appears_in_logs_even_when_calls_fail()
    {
        var logs = new CollectingLoggerProvider();
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcError(r, "psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update")));
        await using (var provider = StubOdoo.Create(handler, o => o.Retry.MaxRetryAttempts = 2, logs))
        {
            await Assert.ThrowsAsync<OdooTransientException>(() => provider.GetRequiredService<OdooSalesOperations>().GetSaleOrderStatusAsync(1));
        }

        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("secret-api-key-123", StringComparison.Ordinal));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            deadline.Token.ThrowIfCancellationRequested();
        }
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CollectingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
