using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Demo.Scenarios;
using RetailSync.Odoo;
using RetailSync.Ops.Workflows;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Workflows;
using RetailSync.Workflows.Client;
using Spectre.Console;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// Runs the trading day through the local host with the dispatcher and workflows on: sends every order's signed
/// webhooks, plays the operator (creates a SKU launched today in Odoo, then resolves the orders parked on it with
/// <c>retry</c> through the ops endpoint), waits until every workflow settles, and reconciles each channel order
/// with what Odoo holds, read through the Odoo client so the same check works against a real Odoo.
/// </summary>
public static class TradingDayRunner
{
    private const int SendParallelism = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    internal static readonly JsonSerializerOptions ViewJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Sends the orders' deliveries, plays the operator, waits until every workflow settles (or the timeout), then
    /// reconciles. <paramref name="orderSending"/> is called before an order's first delivery goes out and
    /// <paramref name="workflowsSettled"/> once the workflows have settled, before the reconciliation reads Odoo (the o2c
    /// benchmark times and counts with them).
    /// </summary>
    public static async Task<TradingDayResult> RunAsync(
        DemoHost host,
        IReadOnlyList<DayOrder> orders,
        TimeSpan settleTimeout,
        ConcurrentQueue<string> problems,
        CancellationToken cancellationToken,
        Action<DayOrder>? orderSending = null,
        Action? workflowsSettled = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(problems);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        var accepted = 0;
        var duplicates = 0;
        var operatorResolutions = 0;
        var states = new Dictionary<string, WorkflowView?>(StringComparer.Ordinal);

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var sending = progress.AddTask("day: webhooks", maxValue: orders.Sum(o => o.Deliveries.Count));
                var settling = progress.AddTask("day: workflows settled", maxValue: orders.Count);
                (accepted, duplicates) = await SendAllAsync(http, orders, o => o.Deliveries, o => $"{o.Channel} order {o.ExternalId}", sending, problems, cancellationToken, orderSending);

                var deadline = TimeProvider.System.GetUtcNow() + settleTimeout;
                var waitingForProduct = orders.Where(o => o.UnknownSkus.Count > 0).Select(o => o.InstanceId).ToHashSet(StringComparer.Ordinal);
                var parkedOnProduct = new HashSet<string>(StringComparer.Ordinal);
                while (true)
                {
                    foreach (var order in orders.Where(o => !Settled(states.GetValueOrDefault(o.InstanceId)) && !parkedOnProduct.Contains(o.InstanceId)))
                    {
                        var view = await GetViewAsync(http, order.InstanceId, cancellationToken);
                        states[order.InstanceId] = view;
                        if (ParkedKind(view) == ExceptionKindUnknownSku && waitingForProduct.Contains(order.InstanceId))
                        {
                            parkedOnProduct.Add(order.InstanceId);
                        }
                    }

                    // The operator's step, once every order with the SKU launched today is parked on it: create the
                    // product in Odoo, then retry each of them through the ops endpoint.
                    if (parkedOnProduct.Count > 0 && waitingForProduct.All(id => parkedOnProduct.Contains(id) || Settled(states.GetValueOrDefault(id))))
                    {
                        await EnsureProductsAsync(host.Services.GetRequiredService<OdooClient>(), [TradingDayPlan.NewProduct], cancellationToken);
                        foreach (var instanceId in parkedOnProduct)
                        {
                            await ResolveAsync(http, instanceId, cancellationToken);
                            operatorResolutions++;
                            states[instanceId] = null;
                            waitingForProduct.Remove(instanceId);
                        }

                        parkedOnProduct.Clear();
                    }

                    settling.Value = orders.Count(o => Settled(states.GetValueOrDefault(o.InstanceId)));
                    if (orders.All(o => Settled(states.GetValueOrDefault(o.InstanceId))) || TimeProvider.System.GetUtcNow() > deadline)
                    {
                        break;
                    }

                    await Task.Delay(PollInterval, cancellationToken);
                }
            });

        workflowsSettled?.Invoke();
        var odooClient = host.Services.GetRequiredService<OdooClient>();
        var sales = host.Services.GetRequiredService<OdooSalesOperations>();
        var accounting = host.Services.GetRequiredService<OdooAccountingOperations>();
        var reconciled = new List<OrderReconciliation>(orders.Count);
        foreach (var order in orders)
        {
            reconciled.Add(await ReconcileAsync(order, states.GetValueOrDefault(order.InstanceId), odooClient, sales, accounting, cancellationToken));
        }

        return new TradingDayResult(accepted, duplicates, reconciled, operatorResolutions);
    }

    /// <summary>
    /// Creates the products that are missing (by SKU) as consumables; used for the SKU launched today and by <c>--seed</c>.
    /// A create is not replay-safe, so a dropped connection is answered as an operator would: look again, and create
    /// only what is still missing (the lost reply may have been a committed create).
    /// </summary>
    public static async Task<int> EnsureProductsAsync(OdooClient odoo, IEnumerable<DayLine> products, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(odoo);
        var wanted = products.ToList();
        const int attempts = 5;
        var created = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await odoo.SearchReadAsync(
                    "product.product", [OdooDomain.In("default_code", wanted.Select(p => p.Sku))], ["id", "default_code"], cancellationToken: cancellationToken);
                var known = existing.Select(r => r.GetString("default_code")).ToHashSet(StringComparer.Ordinal);
                foreach (var product in wanted.Where(p => !known.Contains(p.Sku)))
                {
                    await odoo.CreateAsync("product.product", new Dictionary<string, object?>
                    {
                        ["name"] = product.Name,
                        ["default_code"] = product.Sku,
                        ["list_price"] = product.UnitPrice,
                        ["type"] = product.Sku.StartsWith("SHIP", StringComparison.Ordinal) ? "service" : "consu",
                    }, cancellationToken: cancellationToken);
                    created++;
                }

                return created;
            }
            catch (OdooTransientException) when (attempt < attempts)
            {
                // Counted creates stay counted; the next pass skips what the lost reply committed.
            }
        }
    }

    private const string ExceptionKindUnknownSku = "unknown-sku";

    internal static bool Settled(WorkflowView? view) =>
        view is not null
        && (view.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
            || (ParkedKind(view) is { } kind && kind != ExceptionKindUnknownSku));

    private static string? ParkedKind(WorkflowView? view)
    {
        if (view?.CustomStatus is not { ValueKind: JsonValueKind.Object } custom)
        {
            return null;
        }

        var status = custom.Deserialize<OrderToCashStatus>(WorkflowJson.Options);
        return status?.Parked?.Kind;
    }

    internal static async Task<WorkflowView?> GetViewAsync(HttpClient http, string instanceId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("api/ops/workflows/" + Uri.EscapeDataString(instanceId), UriKind.Relative), cancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<WorkflowView>(ViewJson, cancellationToken);
    }

    private static async Task ResolveAsync(HttpClient http, string instanceId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            new Uri($"api/ops/workflows/{Uri.EscapeDataString(instanceId)}/resolve", UriKind.Relative),
            new ResolveRequest("retry", $"Created {TradingDayPlan.NewProduct.Sku} in Odoo", ResolvedBy: "demo-operator"),
            ViewJson,
            cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Sends each item's deliveries in their order, <see cref="SendParallelism"/> items at a time, ticking
    /// <paramref name="sending"/>; returns how many were accepted and how many answered as duplicates.
    /// </summary>
    internal static async Task<(int Accepted, int Duplicates)> SendAllAsync<T>(
        HttpClient http,
        IReadOnlyList<T> items,
        Func<T, IReadOnlyList<DemoDelivery>> deliveriesOf,
        Func<T, string> ownerOf,
        ProgressTask sending,
        ConcurrentQueue<string> problems,
        CancellationToken cancellationToken,
        Action<T>? starting = null)
    {
        var accepted = 0;
        var duplicates = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = SendParallelism, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            starting?.Invoke(item);
            foreach (var delivery in deliveriesOf(item))
            {
                var answer = await SendExpectingAsync(http, ownerOf(item), delivery, problems, ct);
                if (answer == "accepted")
                {
                    Interlocked.Increment(ref accepted);
                }
                else if (answer == "duplicate")
                {
                    Interlocked.Increment(ref duplicates);
                }

                sending.Increment(1);
            }
        });
        return (accepted, duplicates);
    }

    /// <summary>Sends a delivery and records a problem when the answer is not the one it expects; returns the answer.</summary>
    internal static async Task<string> SendExpectingAsync(HttpClient http, string owner, DemoDelivery delivery, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(http, delivery, cancellationToken);
        var expected = delivery.Expect == DemoExpectation.Duplicate ? "duplicate" : "accepted";
        if (answer != expected)
        {
            problems.Enqueue($"{owner} {delivery.Label}: expected {expected}, got {answer}");
        }

        return answer;
    }

    private static async Task<string> SendAsync(HttpClient http, DemoDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = delivery.ToRequest();

        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode != 202)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}: {problem}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("status").GetString() ?? "?";
    }

    internal static async Task<OrderReconciliation> ReconcileAsync(DayOrder order, WorkflowView? view, OdooClient odoo, OdooSalesOperations sales, OdooAccountingOperations accounting, CancellationToken cancellationToken)
    {
        var outcome = view?.Output is { ValueKind: JsonValueKind.Object } output ? output.Deserialize<OrderToCashResult>(WorkflowJson.Options)?.Outcome.ToString() : null;
        var row = new OrderReconciliation(order, view?.RuntimeStatus.ToString() ?? "missing", outcome, ParkedKind(view));
        var differences = new List<string>();
        if (row.ParkedKind is null && view?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            differences.Add($"workflow {row.WorkflowState}");
        }

        var found = await sales.FindSaleOrderAsync(order.Channel, order.ExternalId, cancellationToken);
        if (found is null)
        {
            differences.Add("no sale order in Odoo");
            return row with { Differences = differences };
        }

        var copies = await odoo.SearchReadAsync("sale.order", [OdooDomain.Eq("client_order_ref", found.ClientOrderRef)], ["id"], cancellationToken: cancellationToken);
        if (copies.Count != 1)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{copies.Count} sale orders for one channel order"));
        }

        var status = await sales.GetSaleOrderStatusAsync(found.OrderId, cancellationToken);
        var invoices = new List<InvoiceRef>();
        foreach (var id in status.InvoiceIds)
        {
            invoices.Add(await accounting.GetInvoiceAsync(id, cancellationToken));
        }

        var customerInvoices = invoices.Where(i => i.MoveType == "out_invoice" && i.State == "posted").ToList();
        row = row with
        {
            SaleOrderName = status.Name,
            OdooState = status.State,
            OdooTotal = status.AmountTotal,
            Delivered = status.DeliveryStatus == "full",
            Invoiced = customerInvoices.Count > 0,
            Paid = customerInvoices.Count > 0 && customerInvoices.All(i => i.PaymentState is "paid" or "in_payment"),
        };

        if (order.Cancelled)
        {
            if (status.State != "cancel")
            {
                differences.Add($"cancelled in the channel, {status.State} in Odoo");
            }
        }
        else if (row.ParkedKind is null)
        {
            if (Math.Abs(status.AmountTotal - order.Total) > 0.01m)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"total {order.Total:0.00} in the channel, {status.AmountTotal:0.00} in Odoo"));
            }

            if (!row.Delivered)
            {
                differences.Add($"delivery {status.DeliveryStatus ?? "none"}");
            }

            if (customerInvoices.Count != 1)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{customerInvoices.Count} posted invoices"));
            }
            else if (!row.Paid || Math.Abs(customerInvoices[0].AmountTotal - order.Total) > 0.01m)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"invoice {customerInvoices[0].AmountTotal:0.00} {customerInvoices[0].PaymentState}"));
            }
        }

        return row with { Differences = differences };
    }
}
