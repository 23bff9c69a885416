using Microsoft.Extensions.DependencyInjection;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Odoo.Tests.Sandbox;

public sealed class MisbehavingOdooTests
{
    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Orders_placed_in_parallel_through_5xx_serialization_failures_and_lost_replies_exist_exactly_once(int version)
    {
        await using var h = await OdooHarness.StartAsync(version, o =>
        {
            o.Retry.MaxRetryAttempts = 8;
            o.CircuitBreaker.MinimumThroughput = 1000; // this test is about retries, not the breaker
        });
        await h.Client.GetVersionAsync();
        h.Sandbox.Faults.ServerErrorRate = 0.15;
        h.Sandbox.Faults.SerializationFailureRate = 0.1;
        h.Sandbox.Faults.LoseReplyAfterCommitRate = 0.15;

        var orders = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order($"chaos-{i}", OdooHarness.Customer($"chaos-c{i % 4}")));
            await h.Sales.ConfirmSaleOrderAsync(order.OrderId);
            return order;
        }));

        h.Sandbox.Faults.Clear();
        Assert.Equal(16, orders.Select(o => o.OrderId).Distinct().Count());
        for (var i = 0; i < 16; i++)
        {
            var stored = Assert.Single(h.Where("sale.order", "client_order_ref", $"shopify:chaos-{i}"));
            Assert.Equal("sale", stored["state"]);
        }

        for (var c = 0; c < 4; c++)
        {
            Assert.Single(h.Where("res.partner", "ref", $"shopify:chaos-c{c}"));
        }
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_write_that_hangs_past_the_timeout_is_retried_by_the_operation_and_committed_once(int version)
    {
        await using var h = await OdooHarness.StartAsync(version, o => o.Timeout = TimeSpan.FromMilliseconds(300));
        await h.Client.GetVersionAsync();
        await h.Sales.EnsureCustomerAsync(OdooHarness.Customer("hang"));
        h.Sandbox.Faults.HangFor = TimeSpan.FromSeconds(30);
        h.Sandbox.Faults.Arm(OdooFaultKind.Timeout, "sale.order", "create");

        var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("hang-1", OdooHarness.Customer("hang")));

        Assert.Equal(0, h.Sandbox.Faults.ArmedCount);
        Assert.Equal(order.OrderId, Convert.ToInt64(Assert.Single(h.Where("sale.order", "client_order_ref", "shopify:hang-1"))["id"]));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task When_odoo_keeps_failing_the_circuit_opens_and_spares_it(int version)
    {
        await using var h = await OdooHarness.StartAsync(version, o =>
        {
            o.Retry.MaxRetryAttempts = 2;
            o.CircuitBreaker.MinimumThroughput = 4;
            o.CircuitBreaker.FailureRatio = 0.5;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromMinutes(5);
        });
        await h.Client.GetVersionAsync();
        h.Sandbox.Faults.ServerErrorRate = 1.0;

        OdooTransientException? last = null;
        for (var i = 0; i < 10 && last?.CircuitOpen != true; i++)
        {
            last = await Assert.ThrowsAsync<OdooTransientException>(() => h.Sales.GetSaleOrderStatusAsync(1));
        }

        Assert.True(last!.CircuitOpen);
        var calls = h.Sandbox.CallCount;
        var again = await Assert.ThrowsAsync<OdooTransientException>(() => h.Sales.GetSaleOrderStatusAsync(1));
        Assert.True(again.CircuitOpen);
        Assert.Equal(calls, h.Sandbox.CallCount);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_burst_of_orders_against_a_slow_odoo_never_has_more_than_the_bound_in_flight(int version)
    {
        var meter = new InFlightMeter();
        await using var h = await OdooHarness.StartAsync(
            version,
            o => o.MaxConcurrency = 3,
            s => s.AddHttpClient(OdooClient.HttpClientName).AddHttpMessageHandler(() => meter));
        await h.Client.GetVersionAsync();
        h.Sandbox.Faults.Latency = TimeSpan.FromMilliseconds(30);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order($"burst-{i}", OdooHarness.Customer($"burst-c{i}")));
            await h.Sales.ConfirmSaleOrderAsync(order.OrderId);
        }));

        Assert.InRange(meter.Max, 2, 3);
        Assert.Equal(12, h.Sandbox.Inspect.Records("sale.order").Count(o => (string?)o["state"] == "sale"));
    }

    /// <summary>Sits below the resilience handler and records how many calls are on the wire at once.</summary>
    private sealed class InFlightMeter : DelegatingHandler
    {
        private int _now;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _now);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }
}
