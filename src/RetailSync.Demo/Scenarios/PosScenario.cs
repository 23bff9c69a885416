using System.Globalization;
using System.Text.Json.Nodes;

namespace RetailSync.Demo.Scenarios;

/// <summary>POS: the shop floor's sales and a stock correction, a retry, a wrong content type and an oversized body.</summary>
public sealed class PosScenario : IDemoScenario
{
    /// <inheritdoc />
    public string Channel => "pos";

    /// <inheritdoc />
    public IReadOnlyList<DemoDelivery> Deliveries(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deliveries = new List<DemoDelivery>();
        for (var i = 1; i <= 6; i++)
        {
            deliveries.Add(context.StandardWebhooks("pos", $"sale-{i}", Sale(context, i), $"msg_sale_{i:D4}"));
        }

        deliveries.Add(context.StandardWebhooks("pos", "sale-1", Sale(context, 1), "msg_sale_0001", DemoExpectation.Duplicate, duplicateOf: "sale-1"));
        deliveries.Add(context.StandardWebhooks("pos", "shrinkage", WarehouseScenario.Envelope(context, "stock.adjusted", new JsonObject
        {
            ["adjustment_id"] = "POS-ADJ-1",
            ["location"] = "AMS-01",
            ["reason"] = "shrinkage",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = "NW-HAT-031", ["quantity_delta"] = -1 }),
        }), "msg_pos_adj_1"));
        deliveries.Add(context.StandardWebhooks("pos", "sale-as-form", Sale(context, 7), "msg_sale_0007", DemoExpectation.Rejected, 415, contentType: "application/x-www-form-urlencoded"));
        var huge = WarehouseScenario.Envelope(context, "sale.completed", new JsonObject { ["padding"] = new string('x', 1_200_000) });
        deliveries.Add(context.StandardWebhooks("pos", "oversized", huge, "msg_sale_huge", DemoExpectation.Rejected, 413));
        return deliveries;
    }

    private static string Sale(DemoContext context, int number)
    {
        var quantity = 1 + (number % 3);
        var unit = 22.00m;
        var total = unit * quantity;
        var tax = Math.Round(total * 0.21m / 1.21m, 2);
        return WarehouseScenario.Envelope(context, "sale.completed", new JsonObject
        {
            ["sale_id"] = $"S-{number:D5}",
            ["store_id"] = "AMS-01",
            ["register_id"] = "R1",
            ["receipt_number"] = number.ToString("D4", CultureInfo.InvariantCulture),
            ["currency"] = "EUR",
            ["taxes_included"] = true,
            ["lines"] = new JsonArray(new JsonObject
            {
                ["line_id"] = "1", ["sku"] = "NW-HAT-031", ["title"] = "Beanie", ["quantity"] = quantity,
                ["unit_price"] = unit.ToString("0.00", CultureInfo.InvariantCulture), ["tax"] = tax.ToString("0.00", CultureInfo.InvariantCulture),
            }),
            ["payments"] = new JsonArray(new JsonObject { ["method"] = "card", ["amount"] = total.ToString("0.00", CultureInfo.InvariantCulture), ["reference"] = $"stripe/pi_3DemoPos{number:D4}" }),
            ["subtotal"] = total.ToString("0.00", CultureInfo.InvariantCulture),
            ["tax_total"] = tax.ToString("0.00", CultureInfo.InvariantCulture),
            ["total"] = total.ToString("0.00", CultureInfo.InvariantCulture),
        });
    }
}
