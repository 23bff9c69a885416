using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;

namespace RetailSync.Ingestion.Tests.Normalisation;

/// <summary>
/// A POS <c>return.completed</c> is a whole return at the till: authorized, received and refunded in one
/// delivery. Shopify refunds made from a return name it, so the refund reaches that return's workflow.
/// </summary>
public sealed class StoreReturnNormalisationTests
{
    private static readonly string StoreReturn = TestHarness.Fixture("pos/return.completed.json");

    private static CloudNative.CloudEvents.CloudEvent[] Events(TestHarness harness) =>
        [.. harness.Queue.Messages.Select(m => RetailCloudEvents.Parse(m.Body))];

    private static T Data<T>(CloudNative.CloudEvents.CloudEvent cloudEvent) =>
        ((JsonElement)cloudEvent.Data!).Deserialize<T>(RetailEventJson.Options)!;

    [Fact]
    public async Task A_store_return_is_authorized_received_per_disposition_and_refunded_by_the_till()
    {
        var harness = new TestHarness();

        var response = await harness.Handler.HandleAsync(harness.StandardWebhooks("pos", StoreReturn));

        Assert.True(response.StatusCode == 202, Encoding.UTF8.GetString(response.Body.Span));
        var events = Events(harness);
        Assert.Equal([RetailEventTypes.ReturnAuthorized, RetailEventTypes.ReturnReceived, RetailEventTypes.RefundIssued], events.Select(e => e.Type!).ToArray());
        Assert.All(events, e => Assert.Equal("return/pos/AMS-01/RET-20261125-0007", e[RetailEventAttributes.ReturnKey]));
        Assert.All(events, e => Assert.Equal("order/pos/AMS-01/S-20261123-0042", e[RetailEventAttributes.OrderKey]));

        var authorized = Data<ReturnData>(events[0]);
        Assert.Equal("return/pos/AMS-01/RET-20261125-0007", events[0].Subject);
        Assert.Equal(("pos", "RET-20261125-0007", "EUR", 232.50m), (authorized.Channel, authorized.ChannelReturnId, authorized.Currency, authorized.RefundTotal));
        Assert.Equal([("CASE-BLUE", 1, 13.50m), ("IPOD2008PINK", 1, 219.00m)], authorized.Lines.Select(l => (l.Sku!, l.Quantity, l.RefundAmount!.Value)).ToArray());

        var received = Data<ReturnReceiptData>(events[1]);
        Assert.Equal(("RET-20261125-0007", "AMS-01"), (received.ReceiptId, received.Location));
        Assert.Equal(
            [(InspectionResult.AsNew, ReturnDisposition.Restock), (InspectionResult.Defective, ReturnDisposition.Quarantine)],
            received.Lines.Select(l => (l.Inspection, l.Disposition)).ToArray());
        Assert.Equal("screen flickers", received.Lines[1].Note);

        var refund = Data<RefundData>(events[2]);
        Assert.Equal("refund/pos/AMS-01/RET-20261125-0007", events[2].Subject);
        Assert.Equal((232.50m, "EUR", "succeeded", "stripe/pi_3POSterminal0001"), (refund.Amount, refund.Currency, refund.Status, refund.PaymentReference));
        Assert.Equal([true, false], refund.Lines.Select(l => l.Restock).ToArray());
    }

    [Fact]
    public async Task A_redelivered_store_return_carries_the_same_event_ids()
    {
        var harness = new TestHarness();

        var first = await harness.Handler.HandleAsync(harness.StandardWebhooks("pos", StoreReturn));
        var again = await harness.Handler.HandleAsync(harness.StandardWebhooks("pos", StoreReturn));

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(202, again.StatusCode);
        Assert.Equal(3, first.EventIds.Count);
        Assert.Equal(first.EventIds, again.EventIds);
        Assert.Equal(first.EventIds, Events(harness).Select(e => e.Id!).ToArray());
    }

    [Fact]
    public async Task A_store_return_without_a_refund_yields_no_refund_event()
    {
        var harness = new TestHarness();
        var body = JsonNode.Parse(StoreReturn)!;
        body["data"]!.AsObject().Remove("refunds");

        var response = await harness.Handler.HandleAsync(harness.StandardWebhooks("pos", body.ToJsonString()));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal([RetailEventTypes.ReturnAuthorized, RetailEventTypes.ReturnReceived], Events(harness).Select(e => e.Type!).ToArray());
    }

    [Theory]
    [InlineData("disposition", "\"resell\"", "data.lines[1].disposition")]
    [InlineData("inspection", null, "data.lines[1].inspection")]
    [InlineData("quantity", "0", "data.lines[1].quantity")]
    public async Task A_bad_store_return_line_is_400_naming_the_field_and_queues_nothing(string field, string? value, string path)
    {
        var harness = new TestHarness();
        var body = JsonNode.Parse(StoreReturn)!;
        var line = body["data"]!["lines"]![1]!.AsObject();
        if (value is null)
        {
            line.Remove(field);
        }
        else
        {
            line[field] = JsonNode.Parse(value);
        }

        var response = await harness.Handler.HandleAsync(harness.StandardWebhooks("pos", body.ToJsonString()));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(path, TestHarness.BodyJson(response).GetProperty("field").GetString());
        Assert.Empty(harness.Queue.Messages);
    }

    [Fact]
    public async Task A_store_return_names_its_order_by_key_or_by_sale()
    {
        var harness = new TestHarness();
        var body = JsonNode.Parse(StoreReturn)!;
        var data = body["data"]!.AsObject();
        data.Remove("sale_id");
        data["order_key"] = "order/shopify/acme.myshopify.com/820982911946154508";

        Assert.Equal(202, (await harness.Handler.HandleAsync(harness.StandardWebhooks("pos", body.ToJsonString()))).StatusCode);
        Assert.All(Events(harness), e => Assert.Equal("order/shopify/acme.myshopify.com/820982911946154508", e[RetailEventAttributes.OrderKey]));

        data.Remove("order_key");
        var orphan = await harness.Handler.HandleAsync(harness.StandardWebhooks("pos", body.ToJsonString(), id: "msg_orphan"));
        Assert.Equal(400, orphan.StatusCode);
        Assert.Equal("data.order_key", TestHarness.BodyJson(orphan).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_shopify_refund_made_from_a_return_routes_to_that_return()
    {
        var harness = new TestHarness();
        var refund = JsonNode.Parse(TestHarness.Fixture("shopify/refunds-create.json"))!;
        refund["return"] = new JsonObject { ["id"] = 945000961, ["admin_graphql_api_id"] = "gid://shopify/Return/945000961" };

        var response = await harness.Handler.HandleAsync(TestHarness.Shopify("refunds/create", refund.ToJsonString()));

        Assert.Equal(202, response.StatusCode);
        var cloudEvent = Assert.Single(Events(harness));
        Assert.Equal(RetailEventTypes.RefundIssued, cloudEvent.Type);
        Assert.Equal("return/shopify/" + TestHarness.Shop + "/945000961", cloudEvent[RetailEventAttributes.ReturnKey]);
    }
}
