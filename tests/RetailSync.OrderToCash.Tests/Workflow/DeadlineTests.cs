using Microsoft.Extensions.Time.Testing;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Ops.Workflows;
using RetailSync.OrderToCash.Tests.Support;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Testing;

namespace RetailSync.OrderToCash.Tests.Workflow;

/// <summary>Deadlines are durable timers from configuration, driven here by a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeadlineTests(AzuriteFixture azurite)
{
    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Unpaid_order_past_its_deadline_is_alerted_and_cancelled_by_policy(int version)
    {
        var clock = NewClock();
        await using var harness = await O2cHarness.StartAsync(azurite, version, new()
        {
            ["OrderToCash:UnpaidDeadline"] = "00:10:00",
            ["OrderToCash:UnpaidAction"] = "AlertAndCancel",
        }, clock);
        var order = new OrderScenario("3001");

        await harness.SendAsync(order, order.Placed());
        var waiting = await harness.StatusWhenAsync(order, s => s.Stage == "in-progress", "the order is confirmed");
        Assert.Equal(["payment", "shipment"], waiting.WaitingFor);

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("in-progress", (await harness.StatusAsync(order))!.Stage);
        var result = await AdvanceUntilCompletedAsync(harness, order, clock);

        Assert.Equal(OrderToCashOutcome.CancelledUnpaid, result.Outcome);
        Assert.Equal("cancel", Assert.Single(harness.SaleOrdersOf(order)).State);
        var alert = Assert.Single(await harness.ExceptionsOfAsync(order));
        Assert.Equal("unpaid", alert.Kind);
        Assert.Equal(ExceptionStatus.Open, alert.Status);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Parked_order_escalates_once_after_the_escalation_timer_and_still_waits_for_the_operator(int version)
    {
        var clock = NewClock();
        await using var harness = await O2cHarness.StartAsync(azurite, version, new() { ["OrderToCash:EscalateAfter"] = "00:30:00" }, clock);
        var order = new OrderScenario("3002");

        await harness.SendAsync(order, order.Placed(order.Order(total: 95.00m)));
        var parked = await harness.ParkedAsync(order, "totals-mismatch");
        Assert.False(parked.Parked!.Escalated);

        var escalated = await Eventually.ValueAsync(async () =>
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            return await harness.StatusAsync(order) is { Parked.Escalated: true } s ? s : null;
        }, "the parked order escalates");
        Assert.Equal(parked.Parked.ExceptionId, escalated.Parked!.ExceptionId);
        var records = await harness.ExceptionsOfAsync(order);
        Assert.Contains(records, r => r.Kind == "escalated" && r.Status == ExceptionStatus.Open);
        Assert.Contains(records, r => r.Id == parked.Parked.ExceptionId && r.Status == ExceptionStatus.Open);

        Assert.Equal(ResolveStatus.Accepted, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("cancel"))).Status);
        Assert.Equal(OrderToCashOutcome.CancelledByOperator, (await harness.CompletedAsync(order)).Outcome);
    }

    private static async Task<OrderToCashResult> AdvanceUntilCompletedAsync(O2cHarness harness, OrderScenario order, FakeTimeProvider clock)
    {
        await Eventually.ValueAsync(async () =>
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            return await harness.Client.GetInstanceAsync(order.InstanceId) is { IsCompleted: true } done ? done : null;
        }, "the unpaid order finishes");
        return await harness.CompletedAsync(order);
    }
}
