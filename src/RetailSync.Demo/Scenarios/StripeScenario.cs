using System.Globalization;
using System.Text.Json.Nodes;

namespace RetailSync.Demo.Scenarios;

/// <summary>Stripe: captured payments for the day's orders, a decline, a refund, a dispute, the payout, a retry and a replayed old event.</summary>
public sealed class StripeScenario : IDemoScenario
{
    /// <inheritdoc />
    public string Channel => "stripe";

    /// <inheritdoc />
    public IReadOnlyList<DemoDelivery> Deliveries(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deliveries = new List<DemoDelivery>();
        var created = context.Now.ToUnixTimeSeconds();
        foreach (var orderId in context.OrderIds.Take(context.OrderIds.Count - 1))
        {
            deliveries.Add(context.Stripe($"pi-{orderId}", Event("evt_ok_" + orderId, "payment_intent.succeeded", created, PaymentIntent(orderId, "succeeded"))));
        }

        var declined = context.OrderIds[^1];
        deliveries.Add(context.Stripe($"pi-{declined}-failed", Event("evt_fail_" + declined, "payment_intent.payment_failed", created, PaymentIntent(declined, "requires_payment_method", declined: true))));
        var first = context.OrderIds[0];
        deliveries.Add(context.Stripe($"pi-{first}", Event("evt_ok_" + first, "payment_intent.succeeded", created, PaymentIntent(first, "succeeded")), DemoExpectation.Duplicate, duplicateOf: $"pi-{first}"));
        deliveries.Add(context.Stripe("refund-updated", Event("evt_refund_1", "charge.refund.updated", created, new JsonObject
        {
            ["id"] = "re_3DemoRefund0001", ["object"] = "refund", ["amount"] = 495, ["currency"] = "eur", ["status"] = "succeeded", ["reason"] = "requested_by_customer",
            ["payment_intent"] = DemoContext.PaymentIntentFor(context.OrderIds[1]),
        })));
        deliveries.Add(context.Stripe("dispute", Event("evt_dispute_1", "charge.dispute.created", created, new JsonObject
        {
            ["id"] = "dp_3DemoDispute001", ["object"] = "dispute", ["amount"] = 8450, ["currency"] = "eur", ["reason"] = "product_not_received", ["status"] = "needs_response",
            ["payment_intent"] = DemoContext.PaymentIntentFor(context.OrderIds[3]),
        })));
        deliveries.Add(context.Stripe("payout", Event("evt_payout_1", "payout.paid", created, new JsonObject
        {
            ["id"] = "po_3DemoPayout0001", ["object"] = "payout", ["amount"] = 123456, ["currency"] = "eur", ["status"] = "paid", ["arrival_date"] = created + 86400,
        })));
        deliveries.Add(context.Stripe("customer-created", Event("evt_cus_1", "customer.created", created, new JsonObject { ["id"] = "cus_demo" }), DemoExpectation.Ignored));
        deliveries.Add(context.Stripe("replayed-old-event", Event("evt_old_1", "payment_intent.succeeded", created, PaymentIntent(first, "succeeded")), DemoExpectation.Rejected, signedAt: context.Now.AddMinutes(-30), status: 401));
        return deliveries;
    }

    private static JsonObject PaymentIntent(long orderId, string status, bool declined = false)
    {
        var intent = new JsonObject
        {
            ["id"] = DemoContext.PaymentIntentFor(orderId),
            ["object"] = "payment_intent",
            ["amount"] = 10_000 + (orderId % 100) * 137,
            ["amount_received"] = declined ? 0 : 10_000 + (orderId % 100) * 137,
            ["currency"] = "eur",
            ["status"] = status,
            ["payment_method_types"] = new JsonArray("card", "ideal"),
            ["metadata"] = new JsonObject { ["shopify_shop_domain"] = DemoContext.Shop, ["shopify_order_id"] = orderId.ToString(CultureInfo.InvariantCulture) },
        };
        if (declined)
        {
            intent["last_payment_error"] = new JsonObject { ["code"] = "card_declined", ["decline_code"] = "insufficient_funds", ["message"] = "Your card has insufficient funds." };
        }

        return intent;
    }

    private static string Event(string id, string type, long created, JsonObject dataObject) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = "2025-10-29.clover",
        ["created"] = created,
        ["livemode"] = false,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();
}
