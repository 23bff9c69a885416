using System.Globalization;
using System.Text.Json.Nodes;
using RetailSync.Demo.Scenarios;
using RetailSync.Events;
using RetailSync.ReturnToRefund.Workflow;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// The returns of the trading day, chosen deterministically from its orders once they are delivered and paid:
/// Loop returns refunded at Stripe by RetailSync (full, partial in two parcels, vendor return and scrap, a high-value
/// one the operator approves, one whose refund the operator rejects, one the policy rejects), Shopify returns the
/// channel refunds itself (one with the refund arriving first), and store returns at the till (one an exchange).
/// One set per 32 orders of the day.
/// </summary>
public static class TradingDayReturns
{
    /// <summary>The refund above which the day's returns wait for the operator (the demo's setting; production: 500).</summary>
    public const decimal ApprovalThreshold = 150m;

    private const int OrdersPerSet = 32;

    /// <summary>The returns of <paramref name="orders"/>; <paramref name="context"/> signs them now.</summary>
    public static IReadOnlyList<DayReturn> Build(DemoContext context, IReadOnlyList<DayOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(orders);
        var eligible = orders.Where(o => !o.Cancelled && o.UnknownSkus.Count == 0 && o.Lines.Count > 0).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var returns = new List<DayReturn>();
        DayOrder? Take(string paidVia, Func<DayOrder, bool> fits, bool largest = false)
        {
            var candidates = eligible.Where(o => o.PaidVia == paidVia && !used.Contains(o.InstanceId) && fits(o));
            var order = largest ? candidates.OrderByDescending(Goods).FirstOrDefault() : candidates.FirstOrDefault();
            if (order is not null)
            {
                used.Add(order.InstanceId);
            }

            return order;
        }

        var sets = Math.Max(1, orders.Count / OrdersPerSet);
        for (var set = 0; set < sets; set++)
        {
            var n = returns.Count;
            if (Take("stripe", o => Goods(o) > ApprovalThreshold, largest: true) is { } big)
            {
                returns.Add(Loop(context, big, n++, All(big, InspectionResult.AsNew, ReturnDisposition.Restock), ["high value: approved by the operator", "refunded at Stripe"]));
            }

            if (Take("stripe", o => Goods(o) > ApprovalThreshold, largest: true) is { } refused)
            {
                returns.Add(Loop(context, refused, n++, All(refused, InspectionResult.Used, ReturnDisposition.Restock), ["high value: refund rejected by the operator"], ReturnToRefundOutcome.RefundRejected) with { RejectRefund = true });
            }

            if (Take("stripe", o => Goods(o) <= ApprovalThreshold) is { } full)
            {
                returns.Add(Loop(context, full, n++, All(full, InspectionResult.AsNew, ReturnDisposition.Restock), ["full return", "refunded at Stripe"]));
            }

            if (Take("stripe", o => o.Lines.Any(l => l.Quantity >= 2) && Goods(o) <= ApprovalThreshold * 2) is { } parcels)
            {
                var line = parcels.Lines.First(l => l.Quantity >= 2);
                returns.Add(Loop(context, parcels, n++, [new(line, 1, InspectionResult.Used, ReturnDisposition.Refurbish), new(line, 1, InspectionResult.Defective, ReturnDisposition.Quarantine)], ["partial return in two parcels", "refunded at Stripe twice"], twoParcels: true));
            }

            if (Take("stripe", o => o.Lines.Count >= 2) is { } faulty)
            {
                returns.Add(Loop(context, faulty, n++, [new(faulty.Lines[0], 1, InspectionResult.Defective, ReturnDisposition.VendorReturn), new(faulty.Lines[1], 1, InspectionResult.Defective, ReturnDisposition.Scrap)], ["vendor return and scrap", "refunded at Stripe"]));
            }

            if (Take("stripe", _ => true) is { } greedy)
            {
                var line = greedy.Lines[0];
                returns.Add(Loop(context, greedy, n++, [new(line, line.Quantity + 1, InspectionResult.AsNew, ReturnDisposition.Restock)], ["more than was bought: rejected"], ReturnToRefundOutcome.Rejected));
            }

            if (Take("shopify", _ => true) is { } online)
            {
                returns.Add(Shopify(context, online, n++, new(online.Lines[0], 1, InspectionResult.AsNew, ReturnDisposition.Restock), refundFirst: false));
            }

            if (Take("shopify", _ => true) is { } early)
            {
                returns.Add(Shopify(context, early, n++, new(early.Lines[0], 1, InspectionResult.Used, ReturnDisposition.Refurbish), refundFirst: true));
            }

            if (Take("pos", _ => true) is { } counter)
            {
                var lines = new List<DayReturnLine> { new(counter.Lines[0], counter.Lines[0].Quantity, InspectionResult.AsNew, ReturnDisposition.Restock) };
                if (counter.Lines.Count > 1)
                {
                    lines.Add(new(counter.Lines[1], 1, InspectionResult.Defective, ReturnDisposition.Quarantine));
                }

                returns.Add(Pos(context, counter, n++, lines, []));
            }

            if (Take("pos", o => o.Lines.Any(l => Sibling(l) is not null)) is { } swap)
            {
                var line = swap.Lines.First(l => Sibling(l) is not null);
                var replacement = Sibling(line)!;
                // An even exchange: the replacement costs what the returned unit cost, tax included.
                returns.Add(Pos(context, swap, n++, [new(line, 1, InspectionResult.AsNew, ReturnDisposition.Restock)], [replacement with { Quantity = 1, UnitPrice = UnitValue(line, 1) }]));
            }
        }

        return returns;
    }

    /// <summary>What the customer paid for <paramref name="quantity"/> units of a line, tax included, as Odoo invoiced it.</summary>
    public static decimal UnitValue(DayLine line, int quantity)
    {
        ArgumentNullException.ThrowIfNull(line);
        var charged = line.UnitPrice * line.Quantity + TradingDayPlan.Tax(line.UnitPrice * line.Quantity);
        return Math.Round(charged * quantity / line.Quantity, 2, MidpointRounding.AwayFromZero);
    }

    private static decimal Goods(DayOrder order) => order.Lines.Sum(l => UnitValue(l, l.Quantity));

    private static List<DayReturnLine> All(DayOrder order, InspectionResult inspection, ReturnDisposition disposition) =>
        [.. order.Lines.Select(l => new DayReturnLine(l, l.Quantity, inspection, disposition))];

    /// <summary>The same garment in the next size (an exchange), or null for a product without sizes.</summary>
    private static DayLine? Sibling(DayLine line) =>
        TradingDayPlan.Catalogue.FirstOrDefault(c => c.Sku != line.Sku && c.UnitPrice == line.UnitPrice && c.Sku.Split('-')[0] == line.Sku.Split('-')[0]);

    /// <summary>An inspection result or disposition as the wire names it (<c>as_new</c>, <c>vendor_return</c>).</summary>
    private static string Wire<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonSerializer.Serialize(value, RetailEventJson.Options).Trim('"');

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DayReturn Loop(DemoContext context, DayOrder order, int n, IReadOnlyList<DayReturnLine> lines, IReadOnlyList<string> traits, ReturnToRefundOutcome expected = ReturnToRefundOutcome.Completed, bool twoParcels = false)
    {
        var id = (8_800_000 + n).ToString(CultureInfo.InvariantCulture);
        var returnKey = "return/loop/" + id;
        var orderId = TradingDayPlan.ShopifyOrderId(order);
        var at = context.Now.AddMinutes(n);
        // Loop sends a line item per returned unit.
        var items = lines.SelectMany(l => Enumerable.Range(0, l.Quantity).Select(_ => l)).Select((l, unit) => (JsonNode)new JsonObject
        {
            ["line_item_id"] = 9_100_000 + n * 100 + unit,
            ["provider_line_item_id"] = (orderId * 10 + order.Lines.ToList().IndexOf(l.Line)).ToString(CultureInfo.InvariantCulture),
            ["sku"] = l.Line.Sku,
            ["title"] = l.Line.Name,
            ["price"] = TradingDayPlan.Money(l.Line.UnitPrice),
            ["refund"] = TradingDayPlan.Money(UnitValue(l.Line, 1)),
            ["return_reason"] = l.Inspection == InspectionResult.Defective ? "Defective" : "Too small",
        }).ToArray();
        var created = context.Loop($"loop-{id}", new JsonObject
        {
            ["topic"] = "return",
            ["trigger"] = "return.created",
            ["id"] = 8_800_000 + n,
            ["state"] = "open",
            ["created_at"] = Iso(at),
            ["updated_at"] = Iso(at),
            ["provider_order_id"] = order.ExternalId,
            ["currency"] = order.Currency,
            ["total"] = TradingDayPlan.Money(lines.Sum(l => UnitValue(l.Line, Math.Min(l.Quantity, l.Line.Quantity)))),
            ["refund"] = TradingDayPlan.Money(lines.Sum(l => UnitValue(l.Line, Math.Min(l.Quantity, l.Line.Quantity)))),
            ["line_items"] = new JsonArray(items),
        }.ToJsonString());
        var deliveries = new List<DemoDelivery> { created };
        if (expected != ReturnToRefundOutcome.Rejected)
        {
            var parcels = twoParcels ? lines.Select(l => (IReadOnlyList<DayReturnLine>)[l]).ToList() : [lines];
            deliveries.AddRange(parcels.Select((p, i) => Receipt(context, $"RCV-{id}-{i + 1}", returnKey, order, p, at.AddHours(i + 1))));
        }

        var allTraits = new List<string>(traits) { "Loop return" };
        if (n % 3 == 0)
        {
            allTraits.Add("duplicates");
            deliveries.Add(created with { Expect = DemoExpectation.Duplicate, DuplicateOf = created.Label });
        }

        return new DayReturn("loop", id, "return:loop:" + id, returnKey, order, lines, expected, allTraits, deliveries);
    }

    private static DayReturn Shopify(DemoContext context, DayOrder order, int n, DayReturnLine line, bool refundFirst)
    {
        var returnId = 945_000_000L + n;
        var id = returnId.ToString(CultureInfo.InvariantCulture);
        var key = $"{DemoContext.Shop}/{id}";
        var orderId = TradingDayPlan.ShopifyOrderId(order);
        var lineItemId = orderId * 10 + order.Lines.ToList().IndexOf(line.Line);
        var at = context.Now.AddMinutes(n);
        var approve = context.Shopify($"return-{id}", "returns/approve", new JsonObject
        {
            ["id"] = returnId,
            ["admin_graphql_api_id"] = "gid://shopify/Return/" + id,
            ["status"] = "open",
            ["updated_at"] = Iso(at),
            ["order"] = new JsonObject { ["id"] = orderId, ["admin_graphql_api_id"] = "gid://shopify/Order/" + order.ExternalId },
            ["return_line_items"] = new JsonArray(new JsonObject
            {
                ["id"] = 7_700_000 + n,
                ["quantity"] = line.Quantity,
                ["return_reason"] = "size_too_small",
                ["fulfillment_line_item"] = new JsonObject { ["line_item"] = new JsonObject { ["id"] = lineItemId, ["sku"] = line.Line.Sku } },
            }),
        }.ToJsonString(), webhookId: $"wh-return-{id}");
        var amount = UnitValue(line.Line, line.Quantity);
        var subtotal = Math.Round(amount / (1 + TradingDayPlan.TaxRate), 2, MidpointRounding.AwayFromZero);
        var refund = context.Shopify($"refund-{id}", "refunds/create", new JsonObject
        {
            ["id"] = 990_000_000L + n,
            ["order_id"] = orderId,
            ["created_at"] = Iso(at.AddHours(2)),
            ["note"] = "Returned: " + line.Line.Name,
            ["restock"] = line.Disposition == ReturnDisposition.Restock,
            ["return"] = new JsonObject { ["id"] = returnId, ["admin_graphql_api_id"] = "gid://shopify/Return/" + id },
            ["refund_line_items"] = new JsonArray(new JsonObject
            {
                ["id"] = 880_000_000L + n,
                ["line_item_id"] = lineItemId,
                ["quantity"] = line.Quantity,
                ["restock_type"] = line.Disposition == ReturnDisposition.Restock ? "return" : "no_restock",
                ["subtotal"] = subtotal,
                ["total_tax"] = amount - subtotal,
                ["line_item"] = new JsonObject { ["id"] = lineItemId, ["sku"] = line.Line.Sku, ["quantity"] = line.Line.Quantity, ["price"] = TradingDayPlan.Money(line.Line.UnitPrice) },
            }),
            ["transactions"] = new JsonArray(new JsonObject
            {
                ["id"] = 660_000_000L + n,
                ["order_id"] = orderId,
                ["kind"] = "refund",
                ["gateway"] = "shopify_payments",
                ["status"] = "success",
                ["amount"] = TradingDayPlan.Money(amount),
                ["currency"] = order.Currency,
            }),
        }.ToJsonString(), webhookId: $"wh-refund-{id}");
        var receipt = Receipt(context, "RCV-S" + id, "return/shopify/" + key, order, [line], at.AddHours(1));
        var traits = new List<string> { "Shopify return", "refunded by Shopify" };
        List<DemoDelivery> deliveries;
        if (refundFirst)
        {
            traits.Add("refund before the return");
            deliveries = [refund, approve, receipt];
        }
        else
        {
            deliveries = [approve, receipt, refund, approve with { Expect = DemoExpectation.Duplicate, DuplicateOf = approve.Label }];
            traits.Add("duplicates");
        }

        return new DayReturn("shopify", id, "return:shopify:" + key, "return/shopify/" + key, order, [line], ReturnToRefundOutcome.Completed, traits, deliveries);
    }

    private static DayReturn Pos(DemoContext context, DayOrder order, int n, IReadOnlyList<DayReturnLine> lines, IReadOnlyList<DayLine> exchanges)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"RET-{order.ExternalId}");
        var key = $"{TradingDayPlan.Store}/{id}";
        var refund = exchanges.Count == 0 ? lines.Sum(l => UnitValue(l.Line, l.Quantity)) : 0m;
        var data = new JsonObject
        {
            ["return_id"] = id,
            ["store_id"] = TradingDayPlan.Store,
            ["register_id"] = "R1",
            ["sale_id"] = order.ExternalId,
            ["currency"] = order.Currency,
            ["completed_at"] = Iso(context.Now.AddMinutes(n)),
            ["lines"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject
            {
                ["line_id"] = (order.Lines.ToList().IndexOf(l.Line) + 1).ToString(CultureInfo.InvariantCulture),
                ["sku"] = l.Line.Sku,
                ["quantity"] = l.Quantity,
                ["reason"] = l.Inspection == InspectionResult.Defective ? "defective" : "changed_mind",
                ["inspection"] = Wire(l.Inspection),
                ["disposition"] = Wire(l.Disposition),
                ["refund_amount"] = TradingDayPlan.Money(UnitValue(l.Line, l.Quantity)),
            }).ToArray()),
            ["refunds"] = refund > 0
                ? new JsonArray(new JsonObject { ["method"] = "card", ["amount"] = TradingDayPlan.Money(refund), ["reference"] = "stripe/pi_3DayPos" + order.ExternalId[2..] })
                : new JsonArray(),
            ["exchanges"] = new JsonArray(exchanges.Select(x => (JsonNode)new JsonObject
            {
                ["sku"] = x.Sku, ["quantity"] = x.Quantity, ["title"] = x.Name, ["unit_price"] = TradingDayPlan.Money(x.UnitPrice),
            }).ToArray()),
        };
        var delivery = context.StandardWebhooks("pos", $"store-return-{id}", WarehouseScenario.Envelope(context, "return.completed", data), "msg_day_return_" + id);
        var traits = new List<string> { "store return", "refunded at the till" };
        if (exchanges.Count > 0)
        {
            traits = ["store return", "exchange"];
        }

        return new DayReturn("pos", id, "return:pos:" + key, "return/pos/" + key, order, lines, ReturnToRefundOutcome.Completed, traits, [delivery]) { Exchanges = exchanges };
    }

    private static DemoDelivery Receipt(DemoContext context, string receiptId, string returnKey, DayOrder order, IReadOnlyList<DayReturnLine> lines, DateTimeOffset at) =>
        context.StandardWebhooks("warehouse", "receipt-" + receiptId, WarehouseScenario.Envelope(context, "return.received", new JsonObject
        {
            ["receipt_id"] = receiptId,
            ["return_key"] = returnKey,
            ["order_key"] = order.InstanceId.Replace(':', '/'),
            ["location"] = "WH-AMS-1",
            ["received_at"] = Iso(at),
            ["lines"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject
            {
                ["sku"] = l.Line.Sku,
                ["quantity"] = l.Quantity,
                ["inspection"] = Wire(l.Inspection),
                ["disposition"] = Wire(l.Disposition),
                ["note"] = l.Inspection == InspectionResult.Defective ? "does not work" : null,
            }).ToArray()),
        }), "msg_day_" + receiptId);
}
