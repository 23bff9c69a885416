using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Ledgers.Events;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Dispatching;

[Collection(AzuriteCollection.Name)]
public sealed class StalenessTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";

    [Fact]
    public async Task Older_update_after_a_newer_one_is_recorded_as_stale_and_not_raised()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.DispatchAsync(TestEvents.Message("evt-v2", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T10:05:00Z"));

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-v1", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T10:00:00Z"));

        Assert.Equal(DispatchOutcome.Completed("stale"), outcome);
        Assert.Equal("evt-v2", Assert.Single(harness.Client.Raised).Payload.EventId);
        var entry = await harness.Events.GetAsync("evt-v1");
        Assert.Equal(EventLedgerState.Stale, entry!.State);
        Assert.Contains("older than", entry.Detail, StringComparison.Ordinal);
        Assert.Equal("stale", Assert.Single(await harness.Audit.ListAsync("evt-v1")).Action);
    }

    [Fact]
    public async Task Equal_and_newer_versions_are_raised()
    {
        using var harness = new DispatchHarness(azurite);

        await harness.DispatchAsync(TestEvents.Message("evt-a", RetailEventTypes.OrderPlaced, Order, sourceVersion: "2026-11-23T10:00:00Z"));
        await harness.DispatchAsync(TestEvents.Message("evt-b", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T10:00:00+00:00"));
        await harness.DispatchAsync(TestEvents.Message("evt-c", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T11:00:00+01:00"));
        await harness.DispatchAsync(TestEvents.Message("evt-d", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T10:00:01Z"));

        Assert.Equal(["evt-a", "evt-b", "evt-c", "evt-d"], harness.Client.Raised.Select(r => r.Payload.EventId));
    }

    [Fact]
    public async Task Facts_with_an_older_version_are_never_dropped_as_stale()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.DispatchAsync(TestEvents.Message("evt-upd", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T12:00:00Z"));

        await harness.DispatchAsync(TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order, sourceVersion: "2026-11-23T09:00:00Z"));
        await harness.DispatchAsync(TestEvents.Message("evt-cancel", RetailEventTypes.OrderCancelled, Order, sourceVersion: "2026-11-23T11:00:00Z"));

        Assert.Equal(["evt-upd", "evt-placed", "evt-cancel"], harness.Client.Raised.Select(r => r.Payload.EventId));
        Assert.All(harness.Client.Raised, r => Assert.False(r.Payload.IsStale));
    }

    [Fact]
    public async Task Stale_events_are_raised_flagged_when_configured()
    {
        using var harness = new DispatchHarness(azurite, o => o.RaiseStaleEvents = true);
        await harness.DispatchAsync(TestEvents.Message("evt-v2", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T10:05:00Z"));

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-v1", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T10:00:00Z"));

        Assert.Equal(DispatchOutcome.Completed("dispatched"), outcome);
        Assert.Equal([false, true], harness.Client.Raised.Select(r => r.Payload.IsStale));
    }
}
