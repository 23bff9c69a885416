using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Demo.Scenarios;
using RetailSync.Odoo;
using RetailSync.Ops.Workflows;
using RetailSync.ReturnToRefund.Workflow;
using RetailSync.Sandbox.Stripe;
using RetailSync.Workflows;
using RetailSync.Workflows.Client;
using Spectre.Console;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// The returns of the day through the local host: sends every return's signed webhooks, plays the operator
/// (approves each refund waiting for approval, except the one the day rejects), ships the replacement of an
/// exchange once its order exists, waits until every workflow settles, and reconciles each return's refunds with
/// the credit notes Odoo holds (and, with the embedded Stripe, with the refunds Stripe made).
/// </summary>
public static class TradingDayReturnsRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Sends, plays the operator, waits until every return (and exchange order) settles or the timeout, then reconciles.</summary>
    public static async Task<TradingDayReturnsResult> RunAsync(
        DemoHost host,
        IReadOnlyList<DayReturn> returns,
        StripeSandbox? stripe,
        TimeSpan settleTimeout,
        ConcurrentQueue<string> problems,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(problems);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        var accepted = 0;
        var duplicates = 0;
        var views = new Dictionary<string, WorkflowView?>(StringComparer.Ordinal);
        var decided = new HashSet<string>(StringComparer.Ordinal);
        var decisions = new Dictionary<string, string>(StringComparer.Ordinal);
        var exchanges = new Dictionary<string, List<DayOrder>>(StringComparer.Ordinal);
        var exchangeViews = new Dictionary<string, WorkflowView?>(StringComparer.Ordinal);

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var sending = progress.AddTask("returns: webhooks", maxValue: returns.Sum(r => r.Deliveries.Count));
                var settling = progress.AddTask("returns: workflows settled", maxValue: returns.Count);
                (accepted, duplicates) = await TradingDayRunner.SendAllAsync(http, returns, r => r.Deliveries, r => $"{r.Channel} return {r.ReturnId}", sending, problems, cancellationToken);

                var deadline = TimeProvider.System.GetUtcNow() + settleTimeout;
                while (true)
                {
                    foreach (var r in returns.Where(r => !Settled(views.GetValueOrDefault(r.InstanceId))))
                    {
                        var view = await TradingDayRunner.GetViewAsync(http, r.InstanceId, cancellationToken);
                        views[r.InstanceId] = view;
                        if (Status(view)?.AwaitingApproval is { } pending && decided.Add(pending.ApprovalId))
                        {
                            // The operator's step: approve a high-value refund, except the one the day rejects.
                            decisions[r.InstanceId] = await DecideAsync(http, r, pending, cancellationToken);
                        }

                        if (Result(view) is { ExchangeOrders.Count: > 0 } done && !exchanges.ContainsKey(r.InstanceId))
                        {
                            exchanges[r.InstanceId] = await ShipExchangesAsync(http, r, done, problems, cancellationToken);
                        }
                    }

                    foreach (var order in exchanges.Values.SelectMany(o => o).Where(o => !TradingDayRunner.Settled(exchangeViews.GetValueOrDefault(o.InstanceId))))
                    {
                        exchangeViews[order.InstanceId] = await TradingDayRunner.GetViewAsync(http, order.InstanceId, cancellationToken);
                    }

                    var settled = returns.Count(r => Settled(views.GetValueOrDefault(r.InstanceId)));
                    settling.Value = settled;
                    var exchangesSettled = exchanges.Values.SelectMany(o => o).All(o => TradingDayRunner.Settled(exchangeViews.GetValueOrDefault(o.InstanceId)));
                    if ((settled == returns.Count && exchangesSettled) || TimeProvider.System.GetUtcNow() > deadline)
                    {
                        break;
                    }

                    await Task.Delay(PollInterval, cancellationToken);
                }
            });

        var odoo = host.Services.GetRequiredService<OdooClient>();
        var odooOptions = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OdooClientOptions>>().Value;
        var sales = host.Services.GetRequiredService<OdooSalesOperations>();
        var accounting = host.Services.GetRequiredService<OdooAccountingOperations>();
        var reconciled = new List<ReturnReconciliation>(returns.Count);
        foreach (var r in returns)
        {
            var view = views.GetValueOrDefault(r.InstanceId);
            var row = await ReconcileAsync(r, view, odoo, odooOptions, stripe, cancellationToken) with { Decision = decisions.GetValueOrDefault(r.InstanceId) };
            if (exchanges.TryGetValue(r.InstanceId, out var replacements))
            {
                var orders = new List<OrderReconciliation>();
                foreach (var order in replacements)
                {
                    orders.Add(await TradingDayRunner.ReconcileAsync(order, exchangeViews.GetValueOrDefault(order.InstanceId), odoo, sales, accounting, cancellationToken));
                }

                row = row with
                {
                    ExchangeOrders = orders,
                    Differences = [.. row.Differences, .. orders.SelectMany(o => o.Differences.Select(d => $"exchange order {o.Order.ExternalId}: {d}"))],
                };
            }

            reconciled.Add(row);
        }

        return new TradingDayReturnsResult(accepted, duplicates, reconciled);
    }

    private static bool Settled(WorkflowView? view) =>
        view is not null
        && (view.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
            || Status(view)?.Parked is not null);

    private static ReturnToRefundStatus? Status(WorkflowView? view) =>
        view?.CustomStatus is { ValueKind: JsonValueKind.Object } custom ? custom.Deserialize<ReturnToRefundStatus>(WorkflowJson.Options) : null;

    private static ReturnToRefundResult? Result(WorkflowView? view) =>
        view?.RuntimeStatus == OrchestrationRuntimeStatus.Completed && view.Output is { ValueKind: JsonValueKind.Object } output
            ? output.Deserialize<ReturnToRefundResult>(WorkflowJson.Options)
            : null;

    private static async Task<string> DecideAsync(HttpClient http, DayReturn r, PendingApproval pending, CancellationToken cancellationToken)
    {
        var verb = r.RejectRefund ? "reject" : "approve";
        using var response = await http.PostAsJsonAsync(
            new Uri($"api/ops/workflows/{Uri.EscapeDataString(r.InstanceId)}/{verb}", UriKind.Relative),
            new ApprovalRequest(r.RejectRefund ? "Refused: the goods came back worn." : "Checked the parcel photos.", pending.ApprovalId, "demo-operator"),
            TradingDayRunner.ViewJson,
            cancellationToken);
        response.EnsureSuccessStatusCode();
        return r.RejectRefund ? "rejected" : "approved";
    }

    /// <summary>The warehouse ships each replacement of an exchange (it can only once the replacement order exists).</summary>
    private static async Task<List<DayOrder>> ShipExchangesAsync(HttpClient http, DayReturn r, ReturnToRefundResult result, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var context = new DemoContext(TimeProvider.System);
        var orders = new List<DayOrder>();
        foreach (var subject in result.ExchangeOrders)
        {
            // order/exchange/{return channel}/{return id}: the o2c instance is order:exchange:{key}.
            var key = subject["order/exchange/".Length..];
            var shipmentId = "SHP-EX-" + r.ReturnId;
            var shipment = context.StandardWebhooks("warehouse", "shipment-" + shipmentId, WarehouseScenario.Envelope(context, "shipment.dispatched", new JsonObject
            {
                ["shipment_id"] = shipmentId,
                ["order_key"] = subject,
                ["carrier"] = "counter",
                ["tracking_numbers"] = new JsonArray("TRK" + shipmentId),
                ["partial"] = false,
                ["lines"] = new JsonArray(r.Exchanges.Select(x => (JsonNode)new JsonObject { ["sku"] = x.Sku, ["quantity"] = x.Quantity }).ToArray()),
            }), "msg_day_" + shipmentId);
            await TradingDayRunner.SendExpectingAsync(http, $"exchange of {r.ReturnId}", shipment, problems, cancellationToken);
            var total = r.Exchanges.Sum(x => x.UnitPrice * x.Quantity);
            orders.Add(new DayOrder("exchange", key.Replace('/', '-'), "order:exchange:" + key, r.Order.Currency, total, false, [], ["exchange"], [shipment])
            {
                Lines = r.Exchanges,
                PaidVia = "exchange",
            });
        }

        return orders;
    }

    /// <summary>
    /// Where the returned units are in Odoo: each disposition's units received into its location (restock and scrap
    /// into stock, refurbish and quarantine into quarantine, vendor return into the vendor-return location) on the
    /// return's done transfers (origin = the return's subject), and scrapped units in done scraps of the return.
    /// </summary>
    private static async Task<IEnumerable<string>> StockDifferencesAsync(DayReturn r, OdooClient odoo, OdooClientOptions options, CancellationToken cancellationToken)
    {
        var expected = new Dictionary<(string Sku, string Where), decimal>();
        if (r.ExpectedOutcome != ReturnToRefundOutcome.Rejected)
        {
            foreach (var line in r.Lines)
            {
                var where = line.Disposition switch
                {
                    Events.ReturnDisposition.Refurbish or Events.ReturnDisposition.Quarantine => "quarantine",
                    Events.ReturnDisposition.VendorReturn => "vendor returns",
                    _ => "stock",
                };
                expected[(line.Line.Sku, where)] = expected.GetValueOrDefault((line.Line.Sku, where)) + line.Quantity;
                if (line.Disposition == Events.ReturnDisposition.Scrap)
                {
                    expected[(line.Line.Sku, "scrapped")] = expected.GetValueOrDefault((line.Line.Sku, "scrapped")) + line.Quantity;
                }
            }
        }

        var locations = await odoo.SearchReadAsync(
            "stock.location", [OdooDomain.In("complete_name", new[] { options.QuarantineLocation, options.VendorReturnLocation })], ["id", "complete_name"], cancellationToken: cancellationToken);
        var warehouses = await odoo.SearchReadAsync("stock.warehouse", [], ["id", "lot_stock_id"], limit: 1, cancellationToken: cancellationToken);
        var names = locations.ToDictionary(l => l.Id, l => l.GetString("complete_name") == options.QuarantineLocation ? "quarantine" : "vendor returns");
        if (warehouses.Count > 0 && warehouses[0].GetReferenceId("lot_stock_id") is long stock)
        {
            names[stock] = "stock";
        }

        var pickings = await odoo.SearchReadAsync(
            "stock.picking",
            [OdooDomain.Eq("origin", r.ReturnKey), OdooDomain.Eq("picking_type_code", "incoming"), OdooDomain.Eq("state", "done")],
            ["id", "move_ids"],
            cancellationToken: cancellationToken);
        var moves = pickings.Count == 0
            ? []
            : await odoo.ReadAsync("stock.move", pickings.SelectMany(p => p.GetIds("move_ids")).ToList(), ["id", "product_id", "quantity", "state", "location_dest_id"], cancellationToken);
        var scraps = await odoo.SearchReadAsync(
            "stock.scrap", [OdooDomain.Term("origin", "=like", r.ReturnKey + "/%"), OdooDomain.Eq("state", "done")], ["id", "product_id", "scrap_qty"], cancellationToken: cancellationToken);
        var productIds = moves.Select(m => m.GetReferenceId("product_id")).Concat(scraps.Select(x => x.GetReferenceId("product_id"))).OfType<long>().Distinct().ToList();
        var skus = productIds.Count == 0
            ? new Dictionary<long, string?>()
            : (await odoo.ReadAsync("product.product", productIds, ["id", "default_code"], cancellationToken)).ToDictionary(p => p.Id, p => p.GetString("default_code"));

        var actual = new Dictionary<(string Sku, string Where), decimal>();
        foreach (var move in moves.Where(m => m.GetString("state") == "done"))
        {
            (string Sku, string Where) key = (skus.GetValueOrDefault(move.GetReferenceId("product_id") ?? 0) ?? "?", names.GetValueOrDefault(move.GetReferenceId("location_dest_id") ?? 0) ?? "elsewhere");
            actual[key] = actual.GetValueOrDefault(key) + move.GetDecimal("quantity");
        }

        foreach (var scrap in scraps)
        {
            (string Sku, string Where) key = (skus.GetValueOrDefault(scrap.GetReferenceId("product_id") ?? 0) ?? "?", "scrapped");
            actual[key] = actual.GetValueOrDefault(key) + scrap.GetDecimal("scrap_qty");
        }

        return expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"stock: {k.Sku} {k.Where} {actual.GetValueOrDefault(k):0.##}, expected {expected.GetValueOrDefault(k):0.##}"));
    }

    private static async Task<ReturnReconciliation> ReconcileAsync(DayReturn r, WorkflowView? view, OdooClient odoo, OdooClientOptions odooOptions, StripeSandbox? stripe, CancellationToken cancellationToken)
    {
        var result = Result(view);
        var status = Status(view);
        var row = new ReturnReconciliation(r, view?.RuntimeStatus.ToString() ?? "missing", result?.Outcome.ToString(), status?.Parked?.Kind);
        var differences = new List<string>();
        if (result is null)
        {
            differences.Add(status?.Parked is { } parked ? $"parked: {parked.Kind} at {parked.Step}: {parked.Reason}" : $"workflow {row.WorkflowState}");
        }
        else if (result.Outcome != r.ExpectedOutcome)
        {
            differences.Add($"ended {result.Outcome}{(result.RejectionReason is { } reason ? " (" + reason + ")" : string.Empty)}, expected {r.ExpectedOutcome}");
        }

        var refunds = result?.Refunds ?? status?.Refunds ?? [];
        var booked = refunds.Where(b => b.State == "booked").ToList();
        foreach (var open in refunds.Where(b => b.State is not ("booked" or "rejected" or "skipped")))
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"refund {open.Batch} {open.State}"));
        }

        // Odoo's books: one posted credit note per booked refund (ref = {return}#{batch}), for exactly its amount.
        var notes = await odoo.SearchReadAsync(
            "account.move",
            [OdooDomain.Eq("move_type", "out_refund"), OdooDomain.Term("ref", "=like", r.ReturnKey + "#%")],
            ["id", "ref", "state", "amount_total", "payment_state"],
            cancellationToken: cancellationToken);
        var posted = notes.Where(n => n.GetString("state") == "posted").ToList();
        if (notes.Count != posted.Count)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{notes.Count - posted.Count} credit note(s) not posted"));
        }

        foreach (var refund in booked)
        {
            var note = posted.Where(n => n.GetString("ref") == string.Create(CultureInfo.InvariantCulture, $"{r.ReturnKey}#{refund.Batch}")).ToList();
            if (note.Count != 1)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"refund {refund.Batch}: {note.Count} credit notes"));
            }
            else if (Math.Abs(note[0].GetDecimal("amount_total") - refund.Amount) > 0.005m)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"refund {refund.Batch} of {refund.Amount:0.00}, credit note of {note[0].GetDecimal("amount_total"):0.00}"));
            }
            else if (note[0].GetString("payment_state") is not ("paid" or "in_payment" or "reversed"))
            {
                differences.Add($"credit note {note[0].GetString("ref")} {note[0].GetString("payment_state")}");
            }
        }

        if (posted.Count != booked.Count)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{booked.Count} refunds booked, {posted.Count} credit notes posted"));
        }

        // What the channel said went back must be what was booked.
        var refunded = booked.Sum(b => b.Amount);
        var credited = posted.Sum(n => n.GetDecimal("amount_total"));
        if (r.RefundedBy == "channel" && r.ExpectedOutcome == ReturnToRefundOutcome.Completed && r.Exchanges.Count == 0)
        {
            var channelSaid = r.Lines.Sum(l => TradingDayReturns.UnitValue(l.Line, l.Quantity));
            if (Math.Abs(channelSaid - refunded) > 0.005m)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{r.Channel} refunded {channelSaid:0.00}, {refunded:0.00} booked"));
            }
        }

        int? gatewayRefunds = null;
        if (stripe is not null)
        {
            var made = stripe.Refunds.Where(s => s.Metadata.GetValueOrDefault("return_key") == r.ReturnKey).ToList();
            gatewayRefunds = made.Count;
            var atGateway = booked.Where(b => b.Method == RefundMethods.Gateway).ToList();
            if (made.Count != atGateway.Count || made.Sum(m => m.Amount) != (long)(atGateway.Sum(b => b.Amount) * 100))
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{made.Count} Stripe refund(s) of {made.Sum(m => m.Amount) / 100m:0.00}, {atGateway.Count} booked of {atGateway.Sum(b => b.Amount):0.00}"));
            }
        }

        differences.AddRange(await StockDifferencesAsync(r, odoo, odooOptions, cancellationToken));

        if (r.ExpectedOutcome == ReturnToRefundOutcome.Completed && booked.Count == 0)
        {
            differences.Add("nothing refunded");
        }

        if (r.Exchanges.Count > 0 && result is not null && result.ExchangeOrders.Count != 1)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{result.ExchangeOrders.Count} exchange orders"));
        }

        return row with
        {
            Refunds = booked.Count,
            Refunded = refunded,
            CreditNotes = posted.Count,
            Credited = credited,
            GatewayRefunds = gatewayRefunds,
            Differences = differences,
        };
    }
}
