using System.Globalization;
using System.Text.Json.Nodes;
using RetailSync.Demo.Scenarios;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// The day's orders, generated deterministically from their index so every run (and every retry of a delivery)
/// has the same bytes: Shopify orders paid through Stripe or Shopify, POS sales handed over at the counter, partial
/// and split shipments, cancellations, unknown SKUs, duplicates, payments before orders and shipments before
/// payments. Prices are before tax; tax is 15% on goods and shipping, in USD, as the Odoo sandbox's company is set up.
/// </summary>
public static class TradingDayPlan
{
    /// <summary>The catalogue the day sells from (SKUs of the Odoo sandbox's default catalogue; <c>--seed</c> creates them elsewhere).</summary>
    public static IReadOnlyList<DayLine> Catalogue { get; } =
    [
        new("TEE-BLK-S", "Organic Tee Black S", 1, 25.00m), new("TEE-BLK-M", "Organic Tee Black M", 1, 25.00m),
        new("TEE-BLK-L", "Organic Tee Black L", 1, 25.00m), new("TEE-WHT-M", "Organic Tee White M", 1, 25.00m),
        new("HOODIE-GRY-M", "Heavyweight Hoodie Grey M", 1, 69.00m), new("HOODIE-GRY-L", "Heavyweight Hoodie Grey L", 1, 69.00m),
        new("CAP-NVY", "Canvas Cap Navy", 1, 19.50m), new("MUG-LOGO", "Enamel Mug", 1, 14.00m),
    ];

    /// <summary>A SKU launched today: on some orders before anyone created it in Odoo.</summary>
    public static DayLine NewProduct { get; } = new("TEE-OLIVE-M", "Organic Tee Olive M", 1, 27.00m);

    public const decimal TaxRate = 0.15m;
    public const decimal Shipping = 6.95m;
    public const string Currency = "USD";
    public const string Store = "AMS-01";

    /// <summary>
    /// The orders of a day of <paramref name="orders"/> orders (about three in four from Shopify).
    /// <paramref name="paymentIntents"/> (Shopify order id to <c>pi_...</c>) names the PaymentIntents a Stripe
    /// account really holds for the Stripe-paid orders, so their refunds can be made there; without it the ids are
    /// made up (<c>pi_3Day&lt;order id&gt;</c>) and only the webhooks exist.
    /// </summary>
    public static IReadOnlyList<DayOrder> Build(DemoContext context, int orders, IReadOnlyDictionary<long, string>? paymentIntents = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(orders, 1);
        var day = new List<DayOrder>(orders);
        var pos = 0;
        for (var i = 0; i < orders; i++)
        {
            day.Add(i % 4 == 3 ? PosSale(context, ++pos) : ShopifyOrder(context, i, paymentIntents));
        }

        return day;
    }

    /// <summary>The Shopify order id of a Shopify order of the day.</summary>
    public static long ShopifyOrderId(DayOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return long.Parse(order.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static List<DayLine> LinesFor(int index)
    {
        var lines = new List<DayLine>();
        for (var n = 0; n < 1 + (index % 3); n++)
        {
            var item = Catalogue[(index * 3 + n * 5) % Catalogue.Count];
            if (lines.All(l => l.Sku != item.Sku))
            {
                lines.Add(item with { Quantity = 1 + ((index + n) % 3) });
            }
        }

        if (index % 40 == 13)
        {
            lines.Add(NewProduct);
        }

        return lines;
    }

    /// <summary>Sales tax on an amount before tax, as Odoo computes it per line (15%, half away from zero).</summary>
    public static decimal Tax(decimal amount) => Math.Round(amount * TaxRate, 2, MidpointRounding.AwayFromZero);

    private static DayOrder ShopifyOrder(DemoContext context, int index, IReadOnlyDictionary<long, string>? paymentIntents)
    {
        var orderId = 6_100_000_000_000L + index;
        var intent = paymentIntents?.GetValueOrDefault(orderId) ?? PaymentIntent(orderId);
        var id = orderId.ToString(CultureInfo.InvariantCulture);
        var lines = LinesFor(index);
        var total = lines.Sum(l => l.UnitPrice * l.Quantity + Tax(l.UnitPrice * l.Quantity)) + Shipping + Tax(Shipping);
        var traits = new List<string>();
        var create = context.Shopify($"order-{id}", "orders/create", ShopifyOrderJson(context, orderId, intent, index, lines, "pending"), webhookId: $"wh-create-{id}");
        var deliveries = new List<DemoDelivery>();
        if (index % 15 == 7)
        {
            traits.Add("cancelled");
            deliveries.Add(create);
            deliveries.Add(context.Shopify($"order-{id}-cancelled", "orders/cancelled", ShopifyOrderJson(context, orderId, intent, index, lines, "voided", cancelled: true), webhookId: $"wh-cancel-{id}"));
            return new DayOrder("shopify", id, $"order:shopify:{DemoContext.Shop}/{id}", Currency, total, true, [], traits, deliveries) { Lines = lines, PaidVia = "none" };
        }

        DemoDelivery pay;
        if (index % 5 == 4)
        {
            traits.Add("paid in Shopify");
            pay = context.Shopify($"order-{id}-paid", "orders/paid", ShopifyOrderJson(context, orderId, intent, index, lines, "paid"), webhookId: $"wh-paid-{id}");
        }
        else
        {
            traits.Add("paid through Stripe");
            pay = context.Stripe($"pi-{id}", StripePaymentJson(context, orderId, intent, total));
        }

        var ship = Shipments(context, $"order/shopify/{DemoContext.Shop}/{id}", "SHP-" + id[^6..], lines, "DHL", index % 9 == 2, traits);
        if (index % 10 == 3)
        {
            traits.Add("payment before order");
            deliveries.Add(pay);
            deliveries.Add(create);
            deliveries.AddRange(ship);
        }
        else if (index % 7 == 5)
        {
            traits.Add("shipment before payment");
            deliveries.Add(create);
            deliveries.AddRange(ship);
            deliveries.Add(pay);
        }
        else
        {
            deliveries.Add(create);
            deliveries.Add(pay);
            deliveries.AddRange(ship);
        }

        if (index % 8 == 1)
        {
            traits.Add("duplicates");
            deliveries.Add(create with { Expect = DemoExpectation.Duplicate, DuplicateOf = create.Label });
            deliveries.Add(pay with { Expect = DemoExpectation.Duplicate, DuplicateOf = pay.Label });
        }

        var unknown = lines.Where(l => l.Sku == NewProduct.Sku).Select(l => l.Sku).ToList();
        if (unknown.Count > 0)
        {
            traits.Add("unknown SKU");
        }

        return new DayOrder("shopify", id, $"order:shopify:{DemoContext.Shop}/{id}", Currency, total, false, unknown, traits, deliveries)
        {
            Lines = lines,
            PaidVia = index % 5 == 4 ? "shopify" : "stripe",
        };
    }

    private static DayOrder PosSale(DemoContext context, int number)
    {
        var saleId = string.Create(CultureInfo.InvariantCulture, $"D-{number:D5}");
        var lines = LinesFor(number * 7 + 1).Where(l => l.Sku != NewProduct.Sku).ToList();
        var subtotal = lines.Sum(l => l.UnitPrice * l.Quantity);
        var tax = lines.Sum(l => Tax(l.UnitPrice * l.Quantity));
        var total = subtotal + tax;
        var sale = WarehouseScenario.Envelope(context, "sale.completed", new JsonObject
        {
            ["sale_id"] = saleId,
            ["store_id"] = Store,
            ["register_id"] = "R" + (1 + number % 3).ToString(CultureInfo.InvariantCulture),
            ["receipt_number"] = number.ToString("D4", CultureInfo.InvariantCulture),
            ["currency"] = Currency,
            ["taxes_included"] = false,
            ["lines"] = new JsonArray(lines.Select((l, n) => (JsonNode)new JsonObject
            {
                ["line_id"] = (n + 1).ToString(CultureInfo.InvariantCulture),
                ["sku"] = l.Sku,
                ["title"] = l.Name,
                ["quantity"] = l.Quantity,
                ["unit_price"] = Money(l.UnitPrice),
                ["tax"] = Money(Tax(l.UnitPrice * l.Quantity)),
            }).ToArray()),
            ["payments"] = new JsonArray(new JsonObject { ["method"] = "card", ["amount"] = Money(total), ["reference"] = $"stripe/pi_3DayPos{number:D5}" }),
            ["subtotal"] = Money(subtotal),
            ["tax_total"] = Money(tax),
            ["total"] = Money(total),
        });
        var traits = new List<string> { "POS sale", "handed over at the counter" };
        var deliveries = new List<DemoDelivery> { context.StandardWebhooks("pos", $"sale-{saleId}", sale, $"msg_day_sale_{number:D5}") };
        deliveries.AddRange(Shipments(context, $"order/pos/{Store}/{saleId}", "CTR-" + saleId, lines, "counter", false, traits));
        if (number % 6 == 0)
        {
            traits.Add("duplicates");
            deliveries.Add(deliveries[0] with { Expect = DemoExpectation.Duplicate, DuplicateOf = deliveries[0].Label });
        }

        return new DayOrder("pos", saleId, $"order:pos:{Store}/{saleId}", Currency, total, false, [], traits, deliveries) { Lines = lines, PaidVia = "pos" };
    }

    /// <summary>One shipment of everything, or (split) a partial first shipment and the rest in a second one.</summary>
    private static List<DemoDelivery> Shipments(DemoContext context, string orderKey, string shipmentId, IReadOnlyList<DayLine> lines, string carrier, bool split, List<string> traits)
    {
        var all = lines.Select(l => (l.Sku, l.Quantity)).ToList();
        if (!split || (all.Count == 1 && all[0].Quantity == 1))
        {
            return [Shipment(context, orderKey, shipmentId, all, carrier, partial: false)];
        }

        traits.Add("partial shipment, then the rest");
        var first = all.Count > 1 ? [all[0]] : new List<(string Sku, int Quantity)> { (all[0].Sku, all[0].Quantity - 1) };
        var rest = all.Count > 1 ? all.Skip(1).ToList() : [(all[0].Sku, 1)];
        return
        [
            Shipment(context, orderKey, shipmentId + "-1", first, carrier, partial: true),
            Shipment(context, orderKey, shipmentId + "-2", rest, carrier, partial: false),
        ];
    }

    private static DemoDelivery Shipment(DemoContext context, string orderKey, string shipmentId, IReadOnlyList<(string Sku, int Quantity)> lines, string carrier, bool partial) =>
        context.StandardWebhooks("warehouse", $"shipment-{shipmentId}", WarehouseScenario.Envelope(context, "shipment.dispatched", new JsonObject
        {
            ["shipment_id"] = shipmentId,
            ["order_key"] = orderKey,
            ["carrier"] = carrier,
            ["tracking_numbers"] = new JsonArray("TRK" + shipmentId),
            ["partial"] = partial,
            ["lines"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity }).ToArray()),
        }), "msg_day_" + shipmentId);

    private static string ShopifyOrderJson(DemoContext context, long orderId, string intent, int index, IReadOnlyList<DayLine> lines, string financialStatus, bool cancelled = false)
    {
        var subtotal = lines.Sum(l => l.UnitPrice * l.Quantity);
        var tax = lines.Sum(l => Tax(l.UnitPrice * l.Quantity)) + Tax(Shipping);
        var customer = 7_100_000 + (index % 150);
        var email = string.Create(CultureInfo.InvariantCulture, $"shopper{customer}@example.com");
        var placed = context.Now.AddMinutes(-600 + index);
        return new JsonObject
        {
            ["id"] = orderId,
            ["name"] = "#" + (5000 + index).ToString(CultureInfo.InvariantCulture),
            ["order_number"] = 5000 + index,
            ["email"] = email,
            ["currency"] = Currency,
            ["taxes_included"] = false,
            ["financial_status"] = financialStatus,
            ["created_at"] = placed.ToString("O", CultureInfo.InvariantCulture),
            ["updated_at"] = placed.AddMinutes(financialStatus == "pending" ? 0 : 5).ToString("O", CultureInfo.InvariantCulture),
            ["cancelled_at"] = cancelled ? placed.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture) : null,
            ["cancel_reason"] = cancelled ? "customer" : null,
            ["subtotal_price"] = Money(subtotal),
            ["total_discounts"] = "0.00",
            ["total_tax"] = Money(tax),
            ["total_price"] = Money(subtotal + Shipping + tax),
            ["customer"] = new JsonObject { ["id"] = customer, ["email"] = email, ["first_name"] = "Shopper", ["last_name"] = customer.ToString(CultureInfo.InvariantCulture) },
            ["billing_address"] = new JsonObject { ["country_code"] = "US" },
            ["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "payment_intent", ["value"] = intent }),
            ["line_items"] = new JsonArray(lines.Select((l, n) => (JsonNode)new JsonObject
            {
                ["id"] = orderId * 10 + n,
                ["sku"] = l.Sku,
                ["title"] = l.Name,
                ["name"] = l.Name,
                ["quantity"] = l.Quantity,
                ["price"] = Money(l.UnitPrice),
                ["total_discount"] = "0.00",
                ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "Sales tax", ["rate"] = 0.15, ["price"] = Money(Tax(l.UnitPrice * l.Quantity)) }),
            }).ToArray()),
            ["shipping_lines"] = new JsonArray(new JsonObject
            {
                ["title"] = "Standard", ["code"] = "STD", ["price"] = Money(Shipping),
                ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "Sales tax", ["rate"] = 0.15, ["price"] = Money(Tax(Shipping)) }),
            }),
            ["discount_codes"] = new JsonArray(),
        }.ToJsonString();
    }

    private static string StripePaymentJson(DemoContext context, long orderId, string intent, decimal total) => new JsonObject
    {
        ["id"] = "evt_day_" + orderId.ToString(CultureInfo.InvariantCulture),
        ["object"] = "event",
        ["api_version"] = "2025-10-29.clover",
        ["created"] = context.Now.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["type"] = "payment_intent.succeeded",
        ["data"] = new JsonObject
        {
            ["object"] = new JsonObject
            {
                ["id"] = intent,
                ["object"] = "payment_intent",
                ["amount"] = (long)(total * 100),
                ["amount_received"] = (long)(total * 100),
                ["currency"] = "usd",
                ["status"] = "succeeded",
                ["metadata"] = new JsonObject { ["shopify_shop_domain"] = DemoContext.Shop, ["shopify_order_id"] = orderId.ToString(CultureInfo.InvariantCulture) },
            },
        },
    }.ToJsonString();

    private static string PaymentIntent(long orderId) => "pi_3Day" + orderId.ToString(CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
