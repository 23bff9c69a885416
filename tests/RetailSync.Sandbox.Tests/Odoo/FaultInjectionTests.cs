using System.Net;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

/// <summary>Every fault the sandbox injects is observable by a client, and commits exactly what it should.</summary>
public sealed class FaultInjectionTests
{
    private const string CreatePartner = """[{"name": "Fault Tolerant"}]""";

    [Fact]
    public async Task Server_errors_answer_5xx_before_doing_anything()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl };
        var partners = sandbox.Inspect.Count("res.partner");
        sandbox.Faults.ServerErrorRate = 1;

        using var response = await http.PostAsync("jsonrpc", new StringContent(
            """{"jsonrpc":"2.0","method":"call","id":1,"params":{"service":"object","method":"execute_kw","args":["retailsync",2,"sandbox-api-key","res.partner","create",[{"name":"X"}],{}]}}""",
            System.Text.Encoding.UTF8,
            "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(partners, sandbox.Inspect.Count("res.partner"));
        Assert.Equal(1, sandbox.CallCount);
    }

    [Fact]
    public async Task Serialization_failures_answer_the_psycopg2_error_and_commit_nothing()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);
        var partners = sandbox.Inspect.Count("res.partner");
        sandbox.Faults.SerializationFailureRate = 1;

        var error = await odoo.FailAsync("res.partner", "create", CreatePartner);

        Assert.Equal("psycopg2.errors.SerializationFailure", (string?)error["name"]);
        Assert.Equal("could not serialize access due to concurrent update\n", (string?)error["message"]);
        Assert.Equal(partners, sandbox.Inspect.Count("res.partner"));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(19)]
    public async Task A_lost_reply_after_commit_is_a_transport_error_but_the_write_happened(int version)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);
        sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "res.partner", "create");

        if (version == 19)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => odoo.Json2Async("res.partner", "create", """{"vals_list": [{"name": "Fault Tolerant"}]}"""));
        }
        else
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => odoo.ExecuteKwAsync("res.partner", "create", CreatePartner));
        }

        Assert.Single(sandbox.Inspect.Records("res.partner"), p => (string?)p["name"] == "Fault Tolerant");
        Assert.Equal(0, sandbox.Faults.ArmedCount);
        var again = await odoo.OkAsync("res.partner", "search", """[[["name", "=", "Fault Tolerant"]]]""");
        Assert.Single(again!.AsArray());
    }

    [Fact]
    public async Task Armed_faults_only_hit_the_named_model_and_method()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);
        sandbox.Faults.Arm(OdooFaultKind.SerializationFailure, "sale.order", "action_confirm", times: 2);

        await odoo.OkAsync("res.partner", "search", "[[]]");
        Assert.Equal(2, sandbox.Faults.ArmedCount);
        var order = (int)(await odoo.OkAsync("sale.order", "create", """[{"partner_id": 3, "order_line": [[0, 0, {"product_id": 1}]]}]"""))!;
        await odoo.FailAsync("sale.order", "action_confirm", $"[[{order}]]");
        await odoo.FailAsync("sale.order", "action_confirm", $"[[{order}]]");
        Assert.Equal("draft", sandbox.Inspect.SaleOrder(order).State);
        Assert.True((bool)(await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]"))!);
        Assert.Equal("sale", sandbox.Inspect.SaleOrder(order).State);
        Assert.Equal(3, sandbox.CallCountFor("sale.order", "action_confirm"));
    }

    [Fact]
    public async Task A_timed_out_call_is_dropped_uncommitted_when_the_client_gives_up()
    {
        var time = new FakeTimeProvider();
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { TimeProvider = time });
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl };
        var partners = sandbox.Inspect.Count("res.partner");
        sandbox.Faults.HangFor = TimeSpan.FromMinutes(5);
        sandbox.Faults.Arm(OdooFaultKind.Timeout, "res.partner", "create");
        using var cancel = new CancellationTokenSource();

        var call = http.PostAsync(
            "jsonrpc",
            new StringContent("""{"jsonrpc":"2.0","method":"call","id":1,"params":{"service":"object","method":"execute_kw","args":["retailsync",2,"sandbox-api-key","res.partner","create",[{"name":"Slow"}],{}]}}""", System.Text.Encoding.UTF8, "application/json"),
            cancel.Token);
        await WaitUntilAsync(() => sandbox.CallCount == 1);
        Assert.False(call.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await WaitUntilAsync(() => sandbox.AbandonedCallCount == 1);
        time.Advance(TimeSpan.FromMinutes(10));
        using var odoo = new RawOdoo(sandbox);
        await odoo.OkAsync("res.partner", "search", "[[]]");
        Assert.Equal(partners, sandbox.Inspect.Count("res.partner"));
    }

    [Fact]
    public async Task Latency_holds_each_call_until_the_clock_moves()
    {
        var time = new FakeTimeProvider();
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { TimeProvider = time });
        using var odoo = new RawOdoo(sandbox);
        sandbox.Faults.Latency = TimeSpan.FromMilliseconds(20);

        var call = odoo.CallAsync("common", "version", "[]");
        await WaitUntilAsync(() => sandbox.CallCount == 1);
        Assert.False(call.IsCompleted);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!call.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(5)));
        }

        Assert.NotNull((await call)["result"]);
    }

    [Fact]
    public async Task Fault_shares_are_deterministic_for_a_seed()
    {
        async Task<string> PatternAsync()
        {
            await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Seed = 42 });
            using var http = new HttpClient { BaseAddress = sandbox.BaseUrl };
            sandbox.Faults.ServerErrorRate = 0.5;
            var pattern = new System.Text.StringBuilder();
            for (var i = 0; i < 24; i++)
            {
                using var response = await http.PostAsync("jsonrpc", new StringContent("""{"jsonrpc":"2.0","method":"call","id":1,"params":{"service":"common","method":"version","args":[]}}""", System.Text.Encoding.UTF8, "application/json"));
                pattern.Append(response.IsSuccessStatusCode ? '.' : 'X');
            }

            return pattern.ToString();
        }

        var first = await PatternAsync();
        var second = await PatternAsync();

        Assert.Equal(first, second);
        Assert.Contains('X', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task Call_counts_are_kept_per_method_and_can_be_reset()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);

        await odoo.CallAsync("common", "version", "[]");
        await odoo.OkAsync("res.partner", "search", "[[]]");
        await odoo.OkAsync("res.partner", "search", "[[]]");

        Assert.Equal(3, sandbox.CallCount);
        Assert.Equal(2, sandbox.CallCountFor("res.partner", "search"));
        Assert.Equal(1, sandbox.CallCounts["common.version"]);
        sandbox.ResetCallCounts();
        Assert.Equal(0, sandbox.CallCount);
        Assert.Empty(sandbox.CallCounts);
    }

    [Fact]
    public async Task Disposing_the_sandbox_releases_hanging_calls()
    {
        var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);
        sandbox.Faults.TimeoutRate = 1;
        var call = odoo.CallAsync("common", "version", "[]");
        await WaitUntilAsync(() => sandbox.CallCount == 1);

        await sandbox.DisposeAsync();
        await sandbox.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => call);
        Assert.Equal(1, sandbox.AbandonedCallCount);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Yield();
        }
    }
}
