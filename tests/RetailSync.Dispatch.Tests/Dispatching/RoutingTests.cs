using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Events;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Dispatching;

[Collection(AzuriteCollection.Name)]
public sealed class RoutingTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";
    private const string OrderInstance = "order:shopify:acme.myshopify.com/1001";

    [Fact]
    public async Task Order_placed_starts_the_order_workflow_and_raises_the_event_with_its_attributes()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order,
            paymentRef: "stripe/pi_123", sourceVersion: "2026-11-23T10:00:00Z", data: new { total = 99.95m, currency = "EUR" });

        var outcome = await harness.DispatchAsync(message);

        Assert.Equal(DispatchOutcomeKind.Completed, outcome.Kind);
        var started = Assert.Single(harness.Client.Started);
        Assert.Equal(("OrderToCash", OrderInstance), (started.Name, started.InstanceId));
        Assert.Equal(Order, started.Input.BusinessKey);
        Assert.Equal("evt-placed", started.Input.StartedByEventId);
        var raised = Assert.Single(harness.Client.Raised);
        Assert.Equal(OrderInstance, raised.InstanceId);
        Assert.Equal(RetailEventTypes.OrderPlaced, raised.EventName);
        Assert.Equal("evt-placed", raised.Payload.EventId);
        Assert.Equal(Order, raised.Payload.Subject);
        Assert.Equal("shopify", raised.Payload.Channel);
        Assert.Equal(Order, raised.Payload.OrderKey);
        Assert.Equal("stripe/pi_123", raised.Payload.PaymentReference);
        Assert.Equal("2026-11-23T10:00:00Z", raised.Payload.SourceVersion);
        Assert.Equal("corr-evt-placed", raised.Payload.CorrelationId);
        Assert.False(raised.Payload.IsStale);
        Assert.Equal(99.95m, raised.Payload.Data.GetProperty("total").GetDecimal());
        Assert.Equal(EventLedgerState.Dispatched, (await harness.Events.GetAsync("evt-placed"))!.State);
        Assert.Equal(Order, await harness.CrossReferences.FindBusinessKeyAsync(new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_123")));
    }

    public static TheoryData<string, string, string?, string?, string?, string, string> Families() => new()
    {
        // type, subject, orderkey, returnkey, paymentref, expected instance, expected workflow
        { RetailEventTypes.OrderUpdated, Order, null, null, null, OrderInstance, "OrderToCash" },
        { RetailEventTypes.OrderCancelled, Order, null, null, null, OrderInstance, "OrderToCash" },
        { RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123", Order, null, null, OrderInstance, "OrderToCash" },
        { RetailEventTypes.PaymentFailed, "payment/stripe/pi_124", Order, null, null, OrderInstance, "OrderToCash" },
        { RetailEventTypes.PaymentDisputed, "payment/stripe/pi_125", Order, null, "stripe/pi_125", OrderInstance, "OrderToCash" },
        { RetailEventTypes.PaymentCaptured, Order, null, null, "shopify/gid-1", OrderInstance, "OrderToCash" },
        { RetailEventTypes.ShipmentDispatched, "shipment/warehouse/SHP-9", Order, null, null, OrderInstance, "OrderToCash" },
        { RetailEventTypes.ShipmentDelivered, "shipment/warehouse/SHP-9", Order, null, null, OrderInstance, "OrderToCash" },
        { RetailEventTypes.RefundIssued, "refund/shopify/RF-1", Order, null, null, OrderInstance, "OrderToCash" },
        { RetailEventTypes.RefundIssued, "refund/stripe/re_1", Order, "return/loop/R-77", "stripe/pi_123", "return:loop:R-77", "ReturnToRefund" },
        { RetailEventTypes.RefundUpdated, "refund/stripe/re_1", null, "return/loop/R-77", null, "return:loop:R-77", "ReturnToRefund" },
        { RetailEventTypes.ReturnAuthorized, "return/loop/R-77", Order, null, null, "return:loop:R-77", "ReturnToRefund" },
        { RetailEventTypes.ReturnUpdated, "return/loop/R-77", null, null, null, "return:loop:R-77", "ReturnToRefund" },
        { RetailEventTypes.ReturnReceived, "return/warehouse/RMA-5", null, null, null, "return:warehouse:RMA-5", "ReturnToRefund" },
        { RetailEventTypes.ReturnClosed, "return/shopify/acme.myshopify.com/R9", null, null, null, "return:shopify:acme.myshopify.com/R9", "ReturnToRefund" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Each_event_family_reaches_its_workflow_instance(
        string type, string subject, string? orderKey, string? returnKey, string? paymentRef, string expectedInstance, string expectedWorkflow)
    {
        using var harness = new DispatchHarness(azurite);

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-" + type, type, subject, orderKey: orderKey, returnKey: returnKey, paymentRef: paymentRef));

        Assert.Equal(DispatchOutcomeKind.Completed, outcome.Kind);
        var raised = Assert.Single(harness.Client.Raised);
        Assert.Equal(expectedInstance, raised.InstanceId);
        Assert.Equal(type, raised.EventName);
        Assert.Equal((expectedWorkflow, expectedInstance), (harness.Client.Started[0].Name, harness.Client.Started[0].InstanceId));
    }

    [Fact]
    public async Task Return_with_its_order_key_is_linked_to_the_order()
    {
        using var harness = new DispatchHarness(azurite);

        await harness.DispatchAsync(TestEvents.Message("evt-ret", RetailEventTypes.ReturnAuthorized, "return/loop/R-77", orderKey: Order));

        Assert.Equal(Order, await harness.CrossReferences.FindBusinessKeyAsync(new ExternalReference(ReferenceSystems.Return, "return/loop/R-77")));
        Assert.Contains(new ExternalReference(ReferenceSystems.Return, "return/loop/R-77"), await harness.CrossReferences.GetReferencesAsync(Order));
    }

    [Fact]
    public async Task Payment_without_order_key_is_routed_through_the_cross_reference_ledger()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.CrossReferences.LinkAsync(Order, new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_555"));

        await harness.DispatchAsync(TestEvents.Message("evt-pay", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_555"));

        var raised = Assert.Single(harness.Client.Raised);
        Assert.Equal(OrderInstance, raised.InstanceId);
        Assert.Equal(Order, raised.Payload.OrderKey);
        Assert.Equal("stripe/pi_555", raised.Payload.PaymentReference);
    }

    [Fact]
    public async Task Shipment_linked_once_to_its_order_routes_later_events_without_order_key()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.DispatchAsync(TestEvents.Message("evt-ship-1", RetailEventTypes.ShipmentDispatched, "shipment/warehouse/SHP-9", orderKey: Order));

        await harness.DispatchAsync(TestEvents.Message("evt-ship-2", RetailEventTypes.ShipmentDelivered, "shipment/warehouse/SHP-9"));

        Assert.Equal([OrderInstance, OrderInstance], harness.Client.Raised.Select(r => r.InstanceId));
    }

    [Theory]
    [InlineData(RetailEventTypes.PayoutPaid, "payout/stripe/po_1")]
    [InlineData(RetailEventTypes.StockAdjusted, "stock/warehouse/SKU-1")]
    public async Task Payout_and_stock_events_are_recorded_without_a_workflow(string type, string subject)
    {
        using var harness = new DispatchHarness(azurite);

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-rec", type, subject));

        Assert.Equal(DispatchOutcomeKind.Completed, outcome.Kind);
        Assert.Empty(harness.Client.Raised);
        Assert.Equal(EventLedgerState.Recorded, (await harness.Events.GetAsync("evt-rec"))!.State);
        Assert.Contains(await harness.Audit.ListAsync("evt-rec"), e => e.Action == "recorded");
    }

    [Fact]
    public async Task A_configured_route_sends_payouts_to_a_workflow_of_their_own_with_a_custom_event_name()
    {
        using var harness = new DispatchHarness(azurite, o =>
            o.Routes[RetailEventTypes.PayoutPaid] = new EventRoute { Target = RouteTarget.Subject, Workflow = "PayoutReconciliation", EventName = "payout" });

        await harness.DispatchAsync(TestEvents.Message("evt-po", RetailEventTypes.PayoutPaid, "payout/stripe/po_1"));

        var raised = Assert.Single(harness.Client.Raised);
        Assert.Equal(("payout:stripe:po_1", "payout"), (raised.InstanceId, raised.EventName));
        Assert.Equal("PayoutReconciliation", harness.Client.Started[0].Name);
    }

    [Fact]
    public async Task Event_of_an_unknown_type_is_dead_lettered_with_an_exception_record()
    {
        using var harness = new DispatchHarness(azurite);

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-unknown", "retail.gift_card.issued", "giftcard/shopify/G1"));

        Assert.Equal(DispatchOutcomeKind.DeadLetter, outcome.Kind);
        Assert.Equal(DispatchExceptionKinds.NoRoute, outcome.Reason);
        var record = Assert.Single(await harness.OpenExceptionsAsync());
        Assert.Equal(("evt-unknown", DispatchExceptionKinds.NoRoute), (record.EventId, record.Kind));
        Assert.Contains("retail.gift_card.issued", record.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Client.Raised);
    }

    [Fact]
    public async Task Payment_reference_shared_by_two_orders_is_dead_lettered_as_ambiguous()
    {
        using var harness = new DispatchHarness(azurite);
        var reference = new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_dup");
        await harness.CrossReferences.LinkAsync(Order, reference);
        await harness.CrossReferences.LinkAsync("order/shopify/acme.myshopify.com/1002", reference);

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-amb", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_dup"));

        Assert.Equal((DispatchOutcomeKind.DeadLetter, DispatchExceptionKinds.AmbiguousReference), (outcome.Kind, outcome.Reason));
        Assert.Equal(DispatchExceptionKinds.AmbiguousReference, Assert.Single(await harness.OpenExceptionsAsync()).Kind);
        Assert.Empty(harness.Client.Raised);
    }

    [Fact]
    public async Task Event_for_a_finished_instance_is_not_raised_but_recorded_as_late()
    {
        using var harness = new DispatchHarness(azurite);
        await harness.DispatchAsync(TestEvents.Message("evt-1", RetailEventTypes.OrderPlaced, Order));
        harness.Client.SetStatus(OrderInstance, Workflows.Client.OrchestrationRuntimeStatus.Completed);

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-2", RetailEventTypes.PaymentDisputed, "payment/stripe/pi_9", orderKey: Order));

        Assert.Equal(DispatchOutcomeKind.Completed, outcome.Kind);
        Assert.Single(harness.Client.Raised);
        var record = Assert.Single(await harness.OpenExceptionsAsync());
        Assert.Equal((DispatchExceptionKinds.LateEvent, OrderInstance, "evt-2"), (record.Kind, record.InstanceId, record.EventId));
        Assert.Equal(EventLedgerState.Late, (await harness.Events.GetAsync("evt-2"))!.State);
    }
}
