using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Ledgers.Events;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Dispatching;

[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";
    private const string OrderInstance = "order:shopify:acme.myshopify.com/1001";

    [Fact]
    public async Task Same_event_delivered_twice_is_raised_once()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-dup", RetailEventTypes.OrderPlaced, Order);

        var first = await harness.DispatchAsync(message);
        var second = await harness.DispatchAsync(message, deliveryCount: 2);
        var replay = await harness.DispatchAsync(message);

        Assert.Equal(DispatchOutcomeKind.Completed, first.Kind);
        Assert.Equal(DispatchOutcome.Completed("duplicate"), second);
        Assert.Equal(DispatchOutcome.Completed("duplicate"), replay);
        Assert.Single(harness.Client.Raised);
        Assert.Contains(await harness.Audit.ListAsync("evt-dup"), a => a.Action == "duplicate");
    }

    [Fact]
    public async Task Two_copies_dispatched_at_the_same_moment_raise_exactly_once()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-race", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_1", orderKey: Order);
        await harness.Events.GetAsync("warm-up"); // create the table outside the race
        var raiseEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letRaiseFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Client.BeforeRaise = async (_, _) =>
        {
            raiseEntered.TrySetResult();
            await letRaiseFinish.Task;
        };

        // Copy A claims the event and is held inside the raise; copy B arrives meanwhile.
        var copyA = Task.Run(() => harness.DispatchAsync(message));
        await raiseEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var copyB = await harness.DispatchAsync(message);
        letRaiseFinish.SetResult();
        var outcomeA = await copyA;

        Assert.Equal(DispatchOutcomeKind.Completed, outcomeA.Kind);
        Assert.Equal(DispatchOutcomeKind.RetryLater, copyB.Kind);
        Assert.Equal("in-progress", copyB.Reason);
        Assert.True(copyB.Delay > TimeSpan.Zero && copyB.Delay <= harness.DispatchOptions.ClaimLease);

        // B's redelivery after the retry delay finds the event handled.
        harness.Time.Advance(copyB.Delay);
        Assert.Equal(DispatchOutcome.Completed("duplicate"), await harness.DispatchAsync(message, deliveryCount: 2));
        Assert.Single(harness.Client.Raised);
    }

    [Fact]
    public async Task Many_concurrent_copies_raise_exactly_once()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-storm", RetailEventTypes.OrderPlaced, Order);
        await harness.Events.GetAsync("warm-up");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => harness.DispatchAsync(message))));

        Assert.Single(harness.Client.Raised);
        Assert.All(outcomes, o => Assert.NotEqual(DispatchOutcomeKind.DeadLetter, o.Kind));
        Assert.Contains(outcomes, o => o.Kind == DispatchOutcomeKind.Completed && o.Reason == "dispatched");
    }

    [Fact]
    public async Task Crash_between_ledger_insert_and_raise_still_raises_on_redelivery()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-crash", RetailEventTypes.OrderPlaced, Order);

        // A dispatcher inserted the ledger row and died before raising (its claim is never released).
        var crashed = await harness.Events.TryClaimAsync("evt-crash", RetailEventTypes.OrderPlaced, Order, harness.DispatchOptions.ClaimLease);
        Assert.Equal(EventClaimStatus.Claimed, crashed.Status);

        var whileLeased = await harness.DispatchAsync(message, deliveryCount: 2);
        harness.Time.Advance(whileLeased.Delay);
        var afterLease = await harness.DispatchAsync(message, deliveryCount: 3);

        Assert.Equal(DispatchOutcomeKind.RetryLater, whileLeased.Kind);
        Assert.Equal(DispatchOutcomeKind.Completed, afterLease.Kind);
        var raised = Assert.Single(harness.Client.Raised);
        Assert.Equal(OrderInstance, raised.InstanceId);
        var entry = await harness.Events.GetAsync("evt-crash");
        Assert.Equal((EventLedgerState.Dispatched, 2), (entry!.State, entry.Attempts));
        Assert.False(await harness.Events.CompleteAsync(crashed.Claim!, EventLedgerState.Dispatched));
    }

    [Fact]
    public async Task Runtime_failure_releases_the_claim_so_the_next_delivery_raises_at_once()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-flaky", RetailEventTypes.OrderPlaced, Order);
        var failures = 1;
        harness.Client.BeforeRaise = (_, _) => Interlocked.Decrement(ref failures) >= 0
            ? Task.FromException(new TimeoutException("runtime store timed out"))
            : Task.CompletedTask;

        var first = await harness.DispatchAsync(message);
        var second = await harness.DispatchAsync(message, deliveryCount: 2);

        Assert.Equal(DispatchOutcome.RetryLater(TimeSpan.FromSeconds(5), "dispatch-failed"), first);
        Assert.Equal(DispatchOutcomeKind.Completed, second.Kind);
        Assert.Single(harness.Client.Raised);
        Assert.Contains(await harness.Audit.ListAsync("evt-flaky"), a => a.Action == "retried" && a.Detail!.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatcher_whose_lease_was_retaken_does_not_raise()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-slow", RetailEventTypes.OrderPlaced, Order);
        EventClaim? other = null;
        harness.Client.BeforeSchedule = async _ =>
        {
            if (other is null)
            {
                // This dispatcher stalls past its lease; another delivery takes the event over.
                harness.Time.Advance(harness.DispatchOptions.ClaimLease + TimeSpan.FromSeconds(1));
                other = (await harness.Events.TryClaimAsync("evt-slow", RetailEventTypes.OrderPlaced, Order, harness.DispatchOptions.ClaimLease)).Claim;
            }
        };

        var outcome = await harness.DispatchAsync(message);

        Assert.NotNull(other);
        Assert.Equal((DispatchOutcomeKind.RetryLater, "claim-lost"), (outcome.Kind, outcome.Reason));
        Assert.Empty(harness.Client.Raised);
        Assert.Equal(EventLedgerState.Claimed, (await harness.Events.GetAsync("evt-slow"))!.State);
    }
}
