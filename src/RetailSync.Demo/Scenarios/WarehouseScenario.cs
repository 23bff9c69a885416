using System.Globalization;
using System.Text.Json.Nodes;

namespace RetailSync.Demo.Scenarios;

/// <summary>The 3PL: partial and final shipments, a delivery, a return received with inspection results, a stock count, a retry and a bad payload.</summary>
public sealed class WarehouseScenario : IDemoScenario
{
    /// <inheritdoc />
    public string Channel => "warehouse";

    /// <inheritdoc />
    public IReadOnlyList<DemoDelivery> Deliveries(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deliveries = new List<DemoDelivery>();
        foreach (var orderId in context.OrderIds.Skip(1).Take(6))
        {
            var orderKey = $"order/shopify/{DemoContext.Shop}/{orderId}";
            var partial = orderId % 2 == 0;
            deliveries.Add(context.StandardWebhooks("warehouse", $"shipment-{orderId}", Envelope(context, "shipment.dispatched", new JsonObject
            {
                ["shipment_id"] = "SHP-" + orderId.ToString(CultureInfo.InvariantCulture)[^5..],
                ["order_key"] = orderKey,
                ["carrier"] = "DHL",
                ["service"] = "parcel-connect",
                ["tracking_numbers"] = new JsonArray("JJD00" + orderId.ToString(CultureInfo.InvariantCulture)),
                ["partial"] = partial,
                ["lines"] = new JsonArray(new JsonObject { ["sku"] = "NW-FLC-014", ["quantity"] = 1 }),
            }), "msg_ship_" + orderId));
        }

        var delivered = context.OrderIds[1];
        deliveries.Add(context.StandardWebhooks("warehouse", $"shipment-{delivered}-delivered", Envelope(context, "shipment.delivered", new JsonObject
        {
            ["shipment_id"] = "SHP-" + delivered.ToString(CultureInfo.InvariantCulture)[^5..],
            ["order_key"] = $"order/shopify/{DemoContext.Shop}/{delivered}",
            ["carrier"] = "DHL",
        }), "msg_delivered_" + delivered));
        var received = Envelope(context, "return.received", new JsonObject
        {
            ["receipt_id"] = "RCV-0001",
            ["return_key"] = $"return/loop/{LoopScenario.ReturnId}",
            ["order_key"] = $"order/shopify/{DemoContext.Shop}/{context.OrderIds[4]}",
            ["location"] = "WH-AMS-1",
            ["lines"] = new JsonArray(
                new JsonObject { ["sku"] = "NW-FLC-014", ["quantity"] = 1, ["inspection"] = "as_new", ["disposition"] = "restock" },
                new JsonObject { ["sku"] = "NW-SCK-220", ["quantity"] = 1, ["inspection"] = "damaged", ["disposition"] = "scrap", ["note"] = "torn" }),
        });
        deliveries.Add(context.StandardWebhooks("warehouse", "return-received", received, "msg_rcv_0001"));
        deliveries.Add(context.StandardWebhooks("warehouse", "return-received", received, "msg_rcv_0001", DemoExpectation.Duplicate, duplicateOf: "return-received"));
        deliveries.Add(context.StandardWebhooks("warehouse", "stock-count", Envelope(context, "stock.adjusted", new JsonObject
        {
            ["adjustment_id"] = "ADJ-0001",
            ["location"] = "WH-AMS-1",
            ["reason"] = "cycle_count",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = "NW-BTL-075", ["quantity_delta"] = -3, ["quantity_on_hand"] = 117 }),
        }), "msg_adj_0001"));
        deliveries.Add(context.StandardWebhooks("warehouse", "bad-disposition", Envelope(context, "return.received", new JsonObject
        {
            ["receipt_id"] = "RCV-0002",
            ["return_key"] = $"return/loop/{LoopScenario.ReturnId}",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = "NW-FLC-014", ["quantity"] = 1, ["inspection"] = "as_new", ["disposition"] = "landfill" }),
        }), "msg_rcv_0002", DemoExpectation.Rejected, 400));
        return deliveries;
    }

    internal static string Envelope(DemoContext context, string type, JsonObject data) => new JsonObject
    {
        ["type"] = type,
        ["timestamp"] = context.Now.ToString("O", CultureInfo.InvariantCulture),
        ["data"] = data,
    }.ToJsonString();
}
