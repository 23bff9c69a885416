using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetailSync.Demo.Scenarios;

/// <summary>Shopify: the day's orders, a payment confirmation, a cancellation, fulfilments, a refund, a return, retries and forgeries.</summary>
public sealed class ShopifyScenario : IDemoScenario
{
    private static readonly (string Sku, string Title, decimal Price)[] Catalogue =
    [
        ("NW-JKT-001", "Alpine shell jacket", 189.00m), ("NW-FLC-014", "Grid fleece", 79.50m), ("NW-SCK-220", "Merino socks (2-pack)", 18.00m),
        ("NW-BTL-075", "Steel bottle 750 ml", 24.90m), ("NW-HAT-031", "Beanie", 22.00m), ("NW-PNT-108", "Trail trousers", 99.00m),
    ];

    /// <inheritdoc />
    public string Channel => "shopify";

    /// <inheritdoc />
    public IReadOnlyList<DemoDelivery> Deliveries(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deliveries = new List<DemoDelivery>();
        foreach (var (orderId, index) in context.OrderIds.Select((id, i) => (id, i)))
        {
            deliveries.Add(context.Shopify($"order-{orderId}", "orders/create", Order(context, orderId, index, "pending")));
        }

        var first = context.OrderIds[0];
        deliveries.Add(context.Shopify($"order-{first}-paid", "orders/paid", Order(context, first, 0, "paid")));
        deliveries.Add(context.Shopify($"order-{first}", "orders/create", Order(context, first, 0, "pending"), DemoExpectation.Duplicate, duplicateOf: $"order-{first}"));
        var cancelled = context.OrderIds[^1];
        deliveries.Add(context.Shopify($"order-{cancelled}-cancelled", "orders/cancelled", Order(context, cancelled, context.OrderIds.Count - 1, "voided", cancelled: true)));
        deliveries.Add(context.Shopify($"fulfillment-{first}", "fulfillments/create", Fulfillment(context, first)));
        deliveries.Add(context.Shopify($"refund-{context.OrderIds[1]}", "refunds/create", Refund(context, context.OrderIds[1])));
        deliveries.Add(context.Shopify($"return-{context.OrderIds[2]}", "returns/request", Return(context.OrderIds[2])));
        deliveries.Add(context.Shopify("products-update", "products/update", "{\"id\":632910392,\"title\":\"Alpine shell jacket\"}", DemoExpectation.Ignored));
        deliveries.Add(context.Shopify("forged-order", "orders/create", Order(context, 999, 0, "paid"), DemoExpectation.Rejected, secret: "guessed-secret", status: 401));
        deliveries.Add(context.Shopify("truncated-order", "orders/create", Order(context, 998, 0, "paid")[..200], DemoExpectation.Rejected, status: 400));
        return deliveries;
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Order(DemoContext context, long orderId, int index, string financialStatus, bool cancelled = false)
    {
        var lines = new JsonArray();
        var subtotal = 0m;
        for (var i = 0; i < 1 + (index % 3); i++)
        {
            var (sku, title, price) = Catalogue[(index + i) % Catalogue.Length];
            var quantity = 1 + ((index + i) % 2);
            subtotal += price * quantity;
            lines.Add(new JsonObject
            {
                ["id"] = orderId * 10 + i,
                ["sku"] = sku,
                ["title"] = title,
                ["name"] = title,
                ["quantity"] = quantity,
                ["price"] = Money(price),
                ["total_discount"] = "0.00",
                ["product_id"] = 632910392 + i,
                ["variant_id"] = 808950810 + i,
                ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "VAT", ["rate"] = 0.21, ["price"] = Money(Math.Round(price * quantity * 0.21m / 1.21m, 2)) }),
            });
        }

        const decimal shipping = 4.95m;
        var placed = context.Now.AddMinutes(-60 + index);
        var order = new JsonObject
        {
            ["id"] = orderId,
            ["name"] = "#" + (1000 + index).ToString(CultureInfo.InvariantCulture),
            ["order_number"] = 1000 + index,
            ["email"] = $"customer{index}@example.com",
            ["currency"] = "EUR",
            ["taxes_included"] = true,
            ["financial_status"] = financialStatus,
            ["created_at"] = placed.ToString("O", CultureInfo.InvariantCulture),
            ["updated_at"] = context.Now.AddSeconds(index).ToString("O", CultureInfo.InvariantCulture),
            ["cancelled_at"] = cancelled ? context.Now.ToString("O", CultureInfo.InvariantCulture) : null,
            ["cancel_reason"] = cancelled ? "customer" : null,
            ["subtotal_price"] = Money(subtotal),
            ["total_discounts"] = "0.00",
            ["total_tax"] = Money(Math.Round((subtotal + shipping) * 0.21m / 1.21m, 2)),
            ["total_price"] = Money(subtotal + shipping),
            ["customer"] = new JsonObject { ["id"] = 7_000_000 + index, ["email"] = $"customer{index}@example.com", ["first_name"] = "Customer", ["last_name"] = index.ToString(CultureInfo.InvariantCulture) },
            ["billing_address"] = new JsonObject { ["country_code"] = "NL" },
            ["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "payment_intent", ["value"] = DemoContext.PaymentIntentFor(orderId) }),
            ["line_items"] = lines,
            ["shipping_lines"] = new JsonArray(new JsonObject { ["title"] = "PostNL standard", ["code"] = "postnl-std", ["price"] = Money(shipping), ["tax_lines"] = new JsonArray() }),
            ["discount_codes"] = new JsonArray(),
        };
        return order.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static string Fulfillment(DemoContext context, long orderId) => new JsonObject
    {
        ["id"] = orderId + 1,
        ["order_id"] = orderId,
        ["status"] = "success",
        ["created_at"] = context.Now.ToString("O", CultureInfo.InvariantCulture),
        ["tracking_company"] = "PostNL",
        ["tracking_numbers"] = new JsonArray("3SNWDO000" + orderId.ToString(CultureInfo.InvariantCulture)[^4..]),
        ["line_items"] = new JsonArray(new JsonObject { ["id"] = orderId * 10, ["sku"] = Catalogue[0].Sku, ["quantity"] = 1 }),
    }.ToJsonString();

    private static string Refund(DemoContext context, long orderId) => new JsonObject
    {
        ["id"] = orderId + 2,
        ["order_id"] = orderId,
        ["created_at"] = context.Now.ToString("O", CultureInfo.InvariantCulture),
        ["note"] = "Arrived late",
        ["refund_line_items"] = new JsonArray(),
        ["transactions"] = new JsonArray(new JsonObject
        {
            ["id"] = orderId + 3, ["kind"] = "refund", ["status"] = "success", ["amount"] = "4.95", ["currency"] = "EUR", ["gateway"] = "stripe",
            ["authorization"] = DemoContext.PaymentIntentFor(orderId),
        }),
    }.ToJsonString();

    private static string Return(long orderId) => new JsonObject
    {
        ["id"] = orderId + 4,
        ["status"] = "requested",
        ["updated_at"] = "2026-11-23T10:00:00Z",
        ["order"] = new JsonObject { ["id"] = orderId },
        ["return_line_items"] = new JsonArray(new JsonObject
        {
            ["id"] = orderId + 5, ["quantity"] = 1, ["return_reason"] = "size_too_large",
            ["fulfillment_line_item"] = new JsonObject { ["line_item"] = new JsonObject { ["id"] = orderId * 10, ["sku"] = Catalogue[2].Sku } },
        }),
    }.ToJsonString();
}
