using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Ledgers;
using RetailSync.Ledgers.Events;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Ledgers;

[Collection(AzuriteCollection.Name)]
public sealed class EventLedgerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));

    private EventLedgerClient NewLedger() =>
        new(new TableServiceClient(azurite.ConnectionString), new LedgerOptions { EventsTable = azurite.UniqueName("events") }, _time);

    [Fact]
    public async Task First_claim_wins_and_a_copy_during_the_lease_is_told_it_is_in_progress()
    {
        var ledger = NewLedger();

        var first = await ledger.TryClaimAsync("evt-1", "retail.order.placed", "order/shopify/a/1", Lease);
        var second = await ledger.TryClaimAsync("evt-1", "retail.order.placed", "order/shopify/a/1", Lease);

        Assert.Equal(EventClaimStatus.Claimed, first.Status);
        Assert.Equal(1, first.Claim!.Attempt);
        Assert.Equal(EventClaimStatus.InProgress, second.Status);
        Assert.Equal(_time.GetUtcNow() + Lease, second.Existing!.LeaseUntil);
    }

    [Fact]
    public async Task Completed_event_is_reported_as_already_processed()
    {
        var ledger = NewLedger();
        var claim = (await ledger.TryClaimAsync("evt-2", "t", "order/shopify/a/1", Lease)).Claim!;

        Assert.True(await ledger.CompleteAsync(claim, EventLedgerState.Dispatched, "order:shopify:a/1"));
        var again = await ledger.TryClaimAsync("evt-2", "t", "order/shopify/a/1", Lease);

        Assert.Equal(EventClaimStatus.AlreadyProcessed, again.Status);
        Assert.Equal(EventLedgerState.Dispatched, again.Existing!.State);
        Assert.Equal("order:shopify:a/1", again.Existing.InstanceId);
    }

    [Fact]
    public async Task Expired_lease_is_retaken_and_the_old_holder_can_no_longer_complete()
    {
        var ledger = NewLedger();
        var crashed = (await ledger.TryClaimAsync("evt-3", "t", "order/shopify/a/1", Lease)).Claim!;

        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var retaken = await ledger.TryClaimAsync("evt-3", "t", "order/shopify/a/1", Lease);

        Assert.Equal(EventClaimStatus.Claimed, retaken.Status);
        Assert.Equal(2, retaken.Claim!.Attempt);
        Assert.Equal(EventLedgerState.Claimed, retaken.Claim.PreviousState);
        Assert.False(await ledger.CompleteAsync(crashed, EventLedgerState.Dispatched));
        Assert.Null(await ledger.RenewAsync(crashed, Lease));
        Assert.True(await ledger.CompleteAsync(retaken.Claim, EventLedgerState.Dispatched));
    }

    [Fact]
    public async Task Released_claim_can_be_retaken_at_once()
    {
        var ledger = NewLedger();
        var claim = (await ledger.TryClaimAsync("evt-4", "t", "order/shopify/a/1", Lease)).Claim!;

        Assert.True(await ledger.ReleaseAsync(claim, "runtime unavailable"));
        var next = await ledger.TryClaimAsync("evt-4", "t", "order/shopify/a/1", Lease);

        Assert.Equal(EventClaimStatus.Claimed, next.Status);
        Assert.Equal("runtime unavailable", next.Existing!.Detail);
    }

    [Fact]
    public async Task Parked_and_dead_lettered_events_can_be_claimed_again()
    {
        var ledger = NewLedger();
        var parked = (await ledger.TryClaimAsync("evt-5", "t", "payment/stripe/pi_1", Lease)).Claim!;
        await ledger.CompleteAsync(parked, EventLedgerState.Parked, detail: "paymentref|stripe/pi_1");
        var dead = (await ledger.TryClaimAsync("evt-6", "t", "payment/stripe/pi_2", Lease)).Claim!;
        await ledger.CompleteAsync(dead, EventLedgerState.DeadLettered, detail: "boom");

        Assert.Equal(EventClaimStatus.Claimed, (await ledger.TryClaimAsync("evt-5", "t", null, Lease)).Status);
        Assert.Equal(EventClaimStatus.Claimed, (await ledger.TryClaimAsync("evt-6", "t", null, Lease)).Status);
    }

    [Fact]
    public async Task Concurrent_claims_of_one_event_give_exactly_one_winner()
    {
        var ledger = NewLedger();
        await ledger.GetAsync("warm-up"); // create the table before the race

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ledger.TryClaimAsync("evt-race", "t", "order/shopify/a/1", Lease))));

        Assert.Single(results, r => r.Status == EventClaimStatus.Claimed);
        Assert.All(results.Where(r => r.Status != EventClaimStatus.Claimed), r => Assert.Equal(EventClaimStatus.InProgress, r.Status));
    }

    [Fact]
    public async Task Older_version_is_stale_equal_and_newer_are_not()
    {
        var ledger = NewLedger();
        var v2 = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        Assert.False((await ledger.CheckVersionAsync("order/shopify/a/1", v2)).IsStale);
        var older = await ledger.CheckVersionAsync("order/shopify/a/1", v2.AddMinutes(-1));
        var equal = await ledger.CheckVersionAsync("order/shopify/a/1", v2);
        var newer = await ledger.CheckVersionAsync("order/shopify/a/1", v2.AddMinutes(1));
        var otherObject = await ledger.CheckVersionAsync("order/shopify/a/2", v2.AddDays(-1));

        Assert.True(older.IsStale);
        Assert.Equal(v2, older.Latest);
        Assert.False(equal.IsStale);
        Assert.False(newer.IsStale);
        Assert.Equal(v2.AddMinutes(1), newer.Latest);
        Assert.False(otherObject.IsStale);
    }

    [Fact]
    public async Task Keys_with_reserved_characters_are_stored_and_read_back()
    {
        var ledger = NewLedger();
        const string id = "evt/with#odd?chars\\and~tilde";

        var claim = (await ledger.TryClaimAsync(id, "t", "order/shopify/acme.myshopify.com/1001", Lease)).Claim!;
        await ledger.CompleteAsync(claim, EventLedgerState.Dispatched);

        var entry = await ledger.GetAsync(id);
        Assert.Equal(id, entry!.EventId);
        Assert.Equal(EventLedgerState.Dispatched, entry.State);
        Assert.Null(await ledger.GetAsync("evt/with#odd?chars\\and~tildf"));
    }
}
