using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Events;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Dispatching;

[Collection(AzuriteCollection.Name)]
public sealed class UnroutedTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";
    private const string OrderInstance = "order:shopify:acme.myshopify.com/1001";
    private static readonly ExternalReference PaymentRef = new(ReferenceSystems.PaymentReference, "stripe/pi_123");

    [Fact]
    public async Task Payment_before_its_order_is_parked_then_released_when_the_order_names_the_payment()
    {
        using var harness = new DispatchHarness(azurite);
        var payment = TestEvents.Message("evt-pay", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123", data: new { amount = 99.95m });

        var parked = await harness.DispatchAsync(payment);

        Assert.Equal(DispatchOutcome.Completed("parked"), parked);
        Assert.Empty(harness.Client.Raised);
        Assert.Equal(EventLedgerState.Parked, (await harness.Events.GetAsync("evt-pay"))!.State);
        Assert.Single(await harness.Unrouted.ListAsync(PaymentRef));

        var placed = await harness.DispatchAsync(TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order, paymentRef: "stripe/pi_123"));

        Assert.Equal(DispatchOutcomeKind.Completed, placed.Kind);
        Assert.Equal(
            [(OrderInstance, RetailEventTypes.OrderPlaced), (OrderInstance, RetailEventTypes.PaymentCaptured)],
            harness.Client.Raised.Select(r => (r.InstanceId, r.EventName)));
        var released = harness.Client.Raised[1].Payload;
        Assert.Equal(("evt-pay", Order, "stripe/pi_123"), (released.EventId, released.OrderKey, released.PaymentReference));
        Assert.Equal(99.95m, released.Data.GetProperty("amount").GetDecimal());
        Assert.Empty(await harness.Unrouted.ListAsync(PaymentRef));
        Assert.Equal((EventLedgerState.Dispatched, OrderInstance), ((await harness.Events.GetAsync("evt-pay"))!.State, (await harness.Events.GetAsync("evt-pay"))!.InstanceId));
        Assert.Equal(["parked", "released"], (await harness.Audit.ListAsync("evt-pay")).Select(a => a.Action));

        // A redelivery of either event changes nothing.
        await harness.DispatchAsync(payment, deliveryCount: 2);
        await harness.DispatchAsync(TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order, paymentRef: "stripe/pi_123"), deliveryCount: 2);
        Assert.Equal(2, harness.Client.Raised.Count);
    }

    [Fact]
    public async Task Payment_arriving_after_the_link_goes_straight_to_the_order()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.DispatchAsync(TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order, paymentRef: "stripe/pi_123"));

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-pay", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123"));

        Assert.Equal(DispatchOutcome.Completed("dispatched"), outcome);
        Assert.Equal([OrderInstance, OrderInstance], harness.Client.Raised.Select(r => r.InstanceId));
        Assert.Empty(await harness.Unrouted.ListAsync(PaymentRef));
    }

    [Fact]
    public async Task Redelivered_parked_event_whose_order_became_known_is_raised()
    {
        using var harness = new DispatchHarness(azurite);
        var payment = TestEvents.Message("evt-pay", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123");
        await harness.DispatchAsync(payment);
        await harness.CrossReferences.LinkAsync(Order, PaymentRef); // e.g. written by a workflow, not by an event

        var outcome = await harness.DispatchAsync(payment, deliveryCount: 2);

        Assert.Equal(DispatchOutcome.Completed("dispatched"), outcome);
        Assert.Equal(OrderInstance, Assert.Single(harness.Client.Raised).InstanceId);
    }

    [Fact]
    public async Task Sweep_releases_parked_events_whose_reference_was_linked_elsewhere()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.DispatchAsync(TestEvents.Message("evt-pay", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123"));
        await harness.DispatchAsync(TestEvents.Message("evt-other", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_777"));

        var before = await harness.Dispatcher.SweepUnroutedAsync();
        await harness.CrossReferences.LinkAsync(Order, PaymentRef);
        var after = await harness.Dispatcher.SweepUnroutedAsync();

        Assert.Equal(new UnroutedSweepResult(0, 2, 0, 0), before);
        Assert.Equal(new UnroutedSweepResult(1, 1, 0, 0), after);
        Assert.Equal(("evt-pay", OrderInstance), (Assert.Single(harness.Client.Raised).Payload.EventId, harness.Client.Raised[0].InstanceId));
    }

    [Fact]
    public async Task Event_unrouted_past_the_deadline_gets_one_exception_record_and_stays_parked()
    {
        using var harness = new DispatchHarness(azurite, o => o.UnroutedDeadline = TimeSpan.FromHours(1));
        await harness.DispatchAsync(TestEvents.Message("evt-pay", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123", data: new { card = new { number = "4242424242424242" }, amount = 5m }));

        harness.Time.Advance(TimeSpan.FromMinutes(59));
        var early = await harness.Dispatcher.SweepUnroutedAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var late = await harness.Dispatcher.SweepUnroutedAsync();
        var again = await harness.Dispatcher.SweepUnroutedAsync();

        Assert.Equal(0, early.Overdue);
        Assert.Equal(1, late.Overdue);
        Assert.Equal(0, again.Overdue);
        var record = Assert.Single(await harness.OpenExceptionsAsync());
        Assert.Equal((DispatchExceptionKinds.UnroutedTooLong, "evt-pay", "payment/stripe/pi_123"), (record.Kind, record.EventId, record.BusinessKey));
        Assert.Contains("paymentref|stripe/pi_123", record.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242424242", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.Single(await harness.Unrouted.ListAsync(PaymentRef));

        // Still released when the order shows up, deadline or not.
        await harness.DispatchAsync(TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order, paymentRef: "stripe/pi_123"));
        Assert.Equal(2, harness.Client.Raised.Count);
        Assert.Empty(await harness.Unrouted.ListAsync(PaymentRef));
        Assert.Empty(await harness.OpenExceptionsAsync());
        var resolved = await harness.Exceptions.GetAsync(record.Id);
        Assert.Equal(RetailSync.Ledgers.Exceptions.ExceptionStatus.Resolved, resolved!.Status);
        Assert.Contains(OrderInstance, resolved.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_written_while_the_event_was_parking_is_noticed_and_the_event_released()
    {
        // The order event links the payment and looks for parked events just before this payment parks:
        // the first lookup misses the link, then the link appears (written by the "other" dispatcher).
        using var harness = new DispatchHarness(azurite, crossReferences: (service, options, time) => new LinkAfterFirstLookup(service, options, time));

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-pay", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123"));

        Assert.Equal(DispatchOutcome.Completed("parked"), outcome);
        Assert.Equal(("evt-pay", OrderInstance), (Assert.Single(harness.Client.Raised).Payload.EventId, harness.Client.Raised[0].InstanceId));
        Assert.Empty(await harness.Unrouted.ListAsync(PaymentRef));
        Assert.Equal(EventLedgerState.Dispatched, (await harness.Events.GetAsync("evt-pay"))!.State);
    }

    [Fact]
    public async Task Shipment_without_any_order_reference_waits_under_its_own_subject()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.DispatchAsync(TestEvents.Message("evt-ship", RetailEventTypes.ShipmentDispatched, "shipment/warehouse/SHP-1"));
        Assert.Single(await harness.Unrouted.ListAsync(new ExternalReference("shipment", "shipment/warehouse/SHP-1")));

        // A later event of the same shipment that names the order links it and releases the first.
        await harness.DispatchAsync(TestEvents.Message("evt-ship-2", RetailEventTypes.ShipmentDelivered, "shipment/warehouse/SHP-1", orderKey: Order));

        Assert.Equal(
            [RetailEventTypes.ShipmentDelivered, RetailEventTypes.ShipmentDispatched],
            harness.Client.Raised.Select(r => r.EventName));
        Assert.All(harness.Client.Raised, r => Assert.Equal(OrderInstance, r.InstanceId));
    }

    private sealed class LinkAfterFirstLookup(Azure.Data.Tables.TableServiceClient service, RetailSync.Ledgers.LedgerOptions options, TimeProvider time)
        : CrossReferenceLedgerClient(service, options, time)
    {
        private int _paymentLookups;

        public override async Task<IReadOnlyList<string>> FindBusinessKeysAsync(ExternalReference reference, CancellationToken cancellationToken = default)
        {
            var result = await base.FindBusinessKeysAsync(reference, cancellationToken);
            if (reference == PaymentRef && Interlocked.Increment(ref _paymentLookups) == 1)
            {
                await LinkAsync(Order, PaymentRef, cancellationToken);
            }

            return result;
        }
    }
}
