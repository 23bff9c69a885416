using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;
using RetailSync.Messaging;

namespace RetailSync.Ingestion.Tests.Normalisation;

/// <summary>Vendor sample payloads (Fixtures/) through the whole handler, checking the canonical data exactly.</summary>
public sealed class FixtureNormalisationTests
{
    private static async Task<(CloudNative.CloudEvents.CloudEvent Event, T Data)> Single<T>(TestHarness harness, WebhookRequest request)
    {
        var response = await harness.Handler.HandleAsync(request);
        Assert.True(response.StatusCode == 202, System.Text.Encoding.UTF8.GetString(response.Body.Span));
        var message = Assert.Single(harness.Queue.Messages);
        var cloudEvent = RetailCloudEvents.Parse(message.Body);
        var data = ((JsonElement)cloudEvent.Data!).Deserialize<T>(RetailEventJson.Options)!;
        Assert.Equal(message.MessageId, cloudEvent.Id);
        Assert.Equal(EventMessage.CloudEventsJson, message.ContentType);
        return (cloudEvent, data);
    }

    [Fact]
    public async Task Shopify_order_becomes_an_exact_channel_neutral_order()
    {
        var harness = new TestHarness();
        var (cloudEvent, order) = await Single<OrderData>(harness, TestHarness.Shopify("orders/create", TestHarness.Fixture("shopify/orders-create.json")));

        Assert.Equal(RetailEventTypes.OrderPlaced, cloudEvent.Type);
        Assert.Equal("order/shopify/acme.myshopify.com/820982911946154508", cloudEvent.Subject);
        Assert.Equal(cloudEvent.Subject, order.OrderKey);
        Assert.Equal("USD", order.Currency);
        Assert.False(order.TaxesIncluded);
        Assert.Equal(388.00m, order.Subtotal);
        Assert.Equal(20.00m, order.DiscountTotal);
        Assert.Equal(10.00m, order.ShippingTotal);
        Assert.Equal(403.00m, order.Total);
        Assert.Equal(2, order.Lines.Count);
        Assert.All(order.Lines, l => Assert.Equal(("IPOD2008PINK", 1, 199.00m, 10.00m), (l.Sku, l.Quantity, l.UnitPrice, l.DiscountAmount)));
        Assert.Equal("Generic Shipping", Assert.Single(order.ShippingLines).Title);
        Assert.Equal(new DiscountLine("SPRING20", "fixed_amount", 20.00m), Assert.Single(order.Discounts));
        Assert.Equal(new CustomerIdentity("115310627314723954", "jon@example.com", "John Smith", "US"), order.Customer);
        Assert.Equal("stripe/pi_3MtwBwLkdIwHu7ix28a3tqPa", order.PaymentReference);
        Assert.Equal("stripe/pi_3MtwBwLkdIwHu7ix28a3tqPa", cloudEvent[RetailEventAttributes.PaymentReference]);
        Assert.Equal("2022-01-01T00:00:00.0000000Z", cloudEvent[RetailEventAttributes.SourceVersion]);
    }

    [Fact]
    public async Task Shopify_fulfillment_refund_and_return_link_to_their_order()
    {
        const string order = "order/shopify/acme.myshopify.com/820982911946154508";
        var shipment = await Single<ShipmentData>(new TestHarness(), TestHarness.Shopify("fulfillments/create", TestHarness.Fixture("shopify/fulfillments-create.json")));
        Assert.Equal(RetailEventTypes.ShipmentDispatched, shipment.Event.Type);
        Assert.Equal(order, shipment.Event[RetailEventAttributes.OrderKey]);
        Assert.Equal(("UPS", "1z827wk74630"), (shipment.Data.Carrier, Assert.Single(shipment.Data.TrackingNumbers)));

        var refund = await Single<RefundData>(new TestHarness(), TestHarness.Shopify("refunds/create", TestHarness.Fixture("shopify/refunds-create.json")));
        Assert.Equal(RetailEventTypes.RefundIssued, refund.Event.Type);
        Assert.Equal((199.00m, "USD", "succeeded"), (refund.Data.Amount, refund.Data.Currency, refund.Data.Status));
        Assert.Equal(order, refund.Data.OrderKey);
        Assert.False(Assert.Single(refund.Data.Lines).Restock);

        var ret = await Single<ReturnData>(new TestHarness(), TestHarness.Shopify("returns/request", TestHarness.Fixture("shopify/returns-request.json")));
        Assert.Equal(RetailEventTypes.ReturnRequested, ret.Event.Type);
        Assert.Equal("return/shopify/acme.myshopify.com/123", ret.Event.Subject);
        Assert.Equal("return/shopify/acme.myshopify.com/123", ret.Event[RetailEventAttributes.ReturnKey]);
        Assert.Equal(("IPOD2008PINK", 1, "size_too_small"), (Assert.Single(ret.Data.Lines).Sku, ret.Data.Lines[0].Quantity, ret.Data.Lines[0].Reason));
    }

    [Fact]
    public async Task Stripe_payment_intent_becomes_a_captured_payment_tied_to_its_order()
    {
        var harness = new TestHarness();
        var (cloudEvent, payment) = await Single<PaymentData>(harness, harness.Stripe(TestHarness.Fixture("stripe/payment_intent.succeeded.json")));

        Assert.Equal(RetailEventTypes.PaymentCaptured, cloudEvent.Type);
        Assert.Equal("payment/stripe/pi_3MtwBwLkdIwHu7ix28a3tqPa", cloudEvent.Subject);
        Assert.Equal("stripe/pi_3MtwBwLkdIwHu7ix28a3tqPa", cloudEvent[RetailEventAttributes.PaymentReference]);
        Assert.Equal("order/shopify/acme.myshopify.com/820982911946154508", cloudEvent[RetailEventAttributes.OrderKey]);
        Assert.Equal("evt_3MtwBwLkdIwHu7ix0snN0B15", cloudEvent[RetailEventAttributes.SourceEventId]);
        Assert.Equal((403.00m, "USD", "card"), (payment.Amount, payment.Currency, payment.PaymentMethodType));
    }

    [Fact]
    public async Task Stripe_failed_payment_dispute_and_zero_decimal_payout_are_exact()
    {
        var failedHarness = new TestHarness();
        var failed = await Single<PaymentData>(failedHarness, failedHarness.Stripe(TestHarness.Fixture("stripe/payment_intent.payment_failed.json")));
        Assert.Equal(RetailEventTypes.PaymentFailed, failed.Event.Type);
        Assert.Equal((19.99m, "EUR", "insufficient_funds"), (failed.Data.Amount, failed.Data.Currency, failed.Data.FailureCode));
        Assert.Equal("order/shopify/acme.myshopify.com/1001", failed.Data.OrderKey);

        var disputeHarness = new TestHarness();
        var dispute = await Single<DisputeData>(disputeHarness, disputeHarness.Stripe(TestHarness.Fixture("stripe/charge.dispute.created.json")));
        Assert.Equal(RetailEventTypes.PaymentDisputed, dispute.Event.Type);
        Assert.Equal((403.00m, "product_not_received"), (dispute.Data.Amount, dispute.Data.Reason));

        var payoutHarness = new TestHarness();
        var payout = await Single<PayoutData>(payoutHarness, payoutHarness.Stripe(TestHarness.Fixture("stripe/payout.paid.json")));
        Assert.Equal((1100000m, "JPY", new DateOnly(2023, 3, 31)), (payout.Data.Amount, payout.Data.Currency, payout.Data.ArrivalDate));
    }

    [Fact]
    public async Task Loop_return_is_authorized_and_linked_to_the_shopify_order()
    {
        var (cloudEvent, ret) = await Single<ReturnData>(new TestHarness(), TestHarness.Loop(TestHarness.Fixture("loop/return-created.json")));
        Assert.Equal(RetailEventTypes.ReturnAuthorized, cloudEvent.Type);
        Assert.Equal("return/loop/5678901", cloudEvent.Subject);
        Assert.Equal("order/shopify/acme.myshopify.com/820982911946154508", ret.OrderKey);
        Assert.Equal((199.00m, "USD"), (ret.RefundTotal, ret.Currency));
        Assert.Equal(("866550311766439020", "IPOD2008PINK", 1), (Assert.Single(ret.Lines).LineId, ret.Lines[0].Sku, ret.Lines[0].Quantity));
    }

    [Fact]
    public async Task Warehouse_payloads_carry_partial_shipments_inspections_and_dispositions()
    {
        var harness = new TestHarness();
        var shipment = await Single<ShipmentData>(harness, harness.StandardWebhooks("warehouse", TestHarness.Fixture("warehouse/shipment.dispatched.json")));
        Assert.True(shipment.Data.IsPartial);
        Assert.Equal(("DHL", "order/shopify/acme.myshopify.com/820982911946154508"), (shipment.Data.Carrier, shipment.Data.OrderKey));

        var receiptHarness = new TestHarness();
        var receipt = await Single<ReturnReceiptData>(receiptHarness, receiptHarness.StandardWebhooks("warehouse", TestHarness.Fixture("warehouse/return.received.json")));
        Assert.Equal(RetailEventTypes.ReturnReceived, receipt.Event.Type);
        Assert.Equal("return/loop/5678901", receipt.Event.Subject);
        Assert.Equal(
            [(InspectionResult.AsNew, ReturnDisposition.Restock), (InspectionResult.Damaged, ReturnDisposition.VendorReturn)],
            receipt.Data.Lines.Select(l => (l.Inspection, l.Disposition)).ToArray());
        Assert.Contains("\"vendor_return\"", System.Text.Encoding.UTF8.GetString(receiptHarness.Queue.Messages[0].Body.Span), StringComparison.Ordinal);

        var stockHarness = new TestHarness();
        var stock = await Single<StockAdjustmentData>(stockHarness, stockHarness.StandardWebhooks("warehouse", TestHarness.Fixture("warehouse/stock.adjusted.json")));
        Assert.Equal([-2, 5], stock.Data.Lines.Select(l => l.QuantityDelta).ToArray());
    }

    [Fact]
    public async Task Pos_sale_becomes_a_tax_inclusive_placed_order()
    {
        var harness = new TestHarness();
        var (cloudEvent, order) = await Single<OrderData>(harness, harness.StandardWebhooks("pos", TestHarness.Fixture("pos/sale.completed.json")));
        Assert.Equal(RetailEventTypes.OrderPlaced, cloudEvent.Type);
        Assert.Equal("order/pos/AMS-01/S-20261123-0042", cloudEvent.Subject);
        Assert.True(order.TaxesIncluded);
        Assert.Equal((246.00m, 42.70m, "EUR", "stripe/pi_3POSterminal0001"), (order.Total, order.TaxTotal, order.Currency, order.PaymentReference));
        Assert.Equal(2, order.Lines[1].Quantity);
    }
}
