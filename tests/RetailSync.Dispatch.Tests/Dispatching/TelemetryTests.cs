using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Dispatching;

[Collection(AzuriteCollection.Name)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";

    [Fact]
    public async Task Dispatch_span_continues_the_trace_carried_by_the_event()
    {
        using var harness = new DispatchHarness(azurite);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "RetailSync.Dispatch",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await harness.DispatchAsync(TestEvents.Message("evt-traced", RetailEventTypes.OrderPlaced, Order,
            traceParent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        await harness.DispatchAsync(TestEvents.Message("evt-untraced", RetailEventTypes.OrderUpdated, Order));

        var traced = Assert.Single(spans, s => (string?)s.GetTagItem("cloudevents.event_id") == "evt-traced");
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", traced.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", traced.ParentSpanId.ToHexString());
        Assert.Equal(ActivityKind.Consumer, traced.Kind);
        Assert.Equal("order:shopify:acme.myshopify.com/1001", traced.GetTagItem("retailsync.instance_id"));
        var untraced = Assert.Single(spans, s => (string?)s.GetTagItem("cloudevents.event_id") == "evt-untraced");
        Assert.NotEqual(traced.TraceId, untraced.TraceId);
    }

    [Fact]
    public async Task Counters_count_dispatched_duplicate_stale_unrouted_and_dead_lettered_events_by_type()
    {
        using var harness = new DispatchHarness(azurite);
        var counts = new ConcurrentDictionary<(string, string), long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "RetailSync.Dispatch" && instrument is Counter<long>)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var type = "unknown";
            foreach (var tag in tags)
            {
                if (tag.Key == "event.type")
                {
                    type = (string)tag.Value!;
                }
            }

            counts.AddOrUpdate((instrument.Name, type), value, (_, v) => v + value);
        });
        listener.Start();

        var placed = TestEvents.Message("evt-1", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T10:00:00Z");
        await harness.DispatchAsync(placed);
        await harness.DispatchAsync(placed);
        await harness.DispatchAsync(TestEvents.Message("evt-2", RetailEventTypes.OrderUpdated, Order, sourceVersion: "2026-11-23T09:00:00Z"));
        await harness.DispatchAsync(TestEvents.Message("evt-3", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_x"));
        await harness.DispatchAsync(TestEvents.Raw("msg-bad", "nope"));

        Assert.Equal(1, counts.GetValueOrDefault(("retailsync.dispatch.dispatched", RetailEventTypes.OrderUpdated)));
        Assert.Equal(1, counts.GetValueOrDefault(("retailsync.dispatch.duplicates", RetailEventTypes.OrderUpdated)));
        Assert.Equal(1, counts.GetValueOrDefault(("retailsync.dispatch.stale", RetailEventTypes.OrderUpdated)));
        Assert.Equal(1, counts.GetValueOrDefault(("retailsync.dispatch.unrouted", RetailEventTypes.PaymentCaptured)));
        Assert.Equal(1, counts.GetValueOrDefault(("retailsync.dispatch.deadlettered", "malformed")));
    }
}
