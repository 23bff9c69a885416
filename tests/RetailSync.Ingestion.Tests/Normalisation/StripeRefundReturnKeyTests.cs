using System.Text.Json.Nodes;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;

namespace RetailSync.Ingestion.Tests.Normalisation;

/// <summary>Refunds RetailSync makes carry <c>metadata.return_key</c>; Stripe's webhooks about them route to that return.</summary>
public sealed class StripeRefundReturnKeyTests
{
    private static string Event(string type, JsonObject dataObject) => new JsonObject
    {
        ["id"] = "evt_" + type.Replace('.', '_'),
        ["object"] = "event",
        ["api_version"] = "2025-10-29.clover",
        ["created"] = 1_767_225_600,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();

    private static JsonObject Refund(string? returnKey) => new()
    {
        ["id"] = "re_3Sbx1",
        ["object"] = "refund",
        ["amount"] = 2500,
        ["currency"] = "usd",
        ["status"] = "succeeded",
        ["payment_intent"] = "pi_3Sbx1",
        ["metadata"] = returnKey is null
            ? new JsonObject { ["order_key"] = "order/shopify/acme.myshopify.com/1001" }
            : new JsonObject { ["order_key"] = "order/shopify/acme.myshopify.com/1001", ["return_key"] = returnKey },
    };

    [Fact]
    public async Task A_refund_update_names_its_return_and_its_order()
    {
        var harness = new TestHarness();

        var response = await harness.Handler.HandleAsync(harness.Stripe(Event("charge.refund.updated", Refund("return/loop/RMA-1"))));

        Assert.Equal(202, response.StatusCode);
        var cloudEvent = RetailCloudEvents.Parse(Assert.Single(harness.Queue.Messages).Body);
        Assert.Equal(RetailEventTypes.RefundUpdated, cloudEvent.Type);
        Assert.Equal("return/loop/RMA-1", cloudEvent[RetailEventAttributes.ReturnKey]);
        Assert.Equal("order/shopify/acme.myshopify.com/1001", cloudEvent[RetailEventAttributes.OrderKey]);
    }

    [Fact]
    public async Task A_charge_refunded_takes_the_return_from_its_latest_refund()
    {
        var harness = new TestHarness();
        var charge = new JsonObject
        {
            ["id"] = "ch_3Sbx1",
            ["object"] = "charge",
            ["amount"] = 5750,
            ["amount_refunded"] = 2500,
            ["currency"] = "usd",
            ["payment_intent"] = "pi_3Sbx1",
            ["metadata"] = new JsonObject(),
            ["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(Refund("return/loop/RMA-1")) },
        };

        var response = await harness.Handler.HandleAsync(harness.Stripe(Event("charge.refunded", charge)));

        Assert.Equal(202, response.StatusCode);
        var cloudEvent = RetailCloudEvents.Parse(Assert.Single(harness.Queue.Messages).Body);
        Assert.Equal(RetailEventTypes.RefundIssued, cloudEvent.Type);
        Assert.Equal("return/loop/RMA-1", cloudEvent[RetailEventAttributes.ReturnKey]);
    }

    [Fact]
    public async Task A_refund_without_a_return_routes_by_its_order_only()
    {
        var harness = new TestHarness();

        await harness.Handler.HandleAsync(harness.Stripe(Event("charge.refund.updated", Refund(null))));

        var cloudEvent = RetailCloudEvents.Parse(Assert.Single(harness.Queue.Messages).Body);
        Assert.Null(cloudEvent[RetailEventAttributes.ReturnKey]);
    }

    [Fact]
    public async Task A_return_key_that_is_not_a_return_subject_is_refused_naming_the_field()
    {
        var harness = new TestHarness();

        var response = await harness.Handler.HandleAsync(harness.Stripe(Event("charge.refund.updated", Refund("order/shopify/acme.myshopify.com/1001"))));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("metadata.return_key", System.Text.Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
        Assert.Empty(harness.Queue.Messages);
    }
}
