using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Demo.Scenarios;
using RetailSync.Odoo;
using RetailSync.Sandbox.Odoo;
using RetailSync.Sandbox.Stripe;
using Spectre.Console;
using Stripe;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// Part 2 of the demo: the local host with its dispatcher and embedded workflow runtime on, against the embedded
/// Odoo sandbox, or against a real Odoo when <c>Odoo__BaseUrl</c> (with <c>Odoo__Database</c>, <c>Odoo__Login</c>,
/// <c>Odoo__ApiKey</c>) is set, and the embedded Stripe sandbox unless <c>Payments__Stripe__ApiKey</c> is set (a
/// Stripe test account: its webhooks must then reach this host some other way); runs the day's orders, then its
/// returns, and prints the reconciliation.
/// </summary>
public static class TradingDayDemo
{
    private const string QueueName = "retail-day-events";

    /// <summary>The host settings of the day: dispatcher and workflows on, POS card payments booked as Stripe's.</summary>
    public static IReadOnlyDictionary<string, string?> WorkflowSettings { get; } = new Dictionary<string, string?>
    {
        ["Dispatch:PumpEnabled"] = "true",
        ["Dispatch:SweepEnabled"] = "true",
        // POS card payments go through Stripe Terminal: book them in the Stripe journal.
        ["OrderToCash:Gateways:pos"] = "stripe",
        // A day of small orders: put the approval line where some of its returns cross it.
        ["ReturnToRefund:ApprovalThreshold"] = TradingDayReturns.ApprovalThreshold.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The Stripe gateway's settings for a sandbox.</summary>
    public static IReadOnlyDictionary<string, string?> StripeSettings(StripeSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        return new Dictionary<string, string?>
        {
            ["Payments:Stripe:ApiKey"] = sandbox.Options.ApiKey,
            ["Payments:Stripe:ApiBase"] = sandbox.BaseUrl.ToString(),
        };
    }

    /// <summary>The Odoo client's settings for a sandbox: its address and credentials, the shipping product and journals it seeds.</summary>
    public static IReadOnlyDictionary<string, string?> SandboxSettings(OdooSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        return new Dictionary<string, string?>
        {
            ["Odoo:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Odoo:Database"] = sandbox.Options.Database,
            ["Odoo:Login"] = sandbox.Options.Login,
            ["Odoo:ApiKey"] = sandbox.Options.ApiKey,
            ["Odoo:ShippingProductSku"] = "SHIP-STD",
            ["Odoo:PaymentJournals:stripe"] = "STRP",
            ["Odoo:PaymentJournals:shopify"] = "SHOP",
        };
    }

    /// <summary>The default catalogue with a trading day's worth of stock on every stocked SKU.</summary>
    public static IReadOnlyList<SandboxProduct> StockedCatalogue() =>
        OdooSandboxOptions.DefaultProducts.Select(p => p.Storable && !p.Service ? p with { OnHand = Math.Max(p.OnHand, 5_000) } : p).ToList();

    public static async Task<TradingDayResult> RunAsync(string connection, DemoOptions options, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new Dictionary<string, string?>(WorkflowSettings);

        await using var sandbox = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Odoo__BaseUrl"))
            ? await OdooSandbox.StartAsync(new OdooSandboxOptions
            {
                Version = options.OdooVersion,
                Products = StockedCatalogue(),
            }, cancellationToken)
            : null;
        if (sandbox is not null)
        {
            if (options.OdooFaults)
            {
                sandbox.Faults.LoseReplyAfterCommitRate = 0.05;
                sandbox.Faults.ServerErrorRate = 0.03;
            }

            foreach (var (key, value) in SandboxSettings(sandbox))
            {
                settings[key] = value;
            }
        }

        // Stripe signs its webhooks with the endpoint secret the host verifies; none are sent until the host listens.
        await using var stripe = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Payments__Stripe__ApiKey"))
            ? await StripeSandbox.StartAsync(new StripeSandboxOptions { WebhookSecret = DemoContext.StripeSecret }, cancellationToken)
            : null;
        if (stripe is not null)
        {
            if (options.OdooFaults)
            {
                // Stripe has bad moments too: a refund made whose reply is lost, and a 500 before another.
                stripe.Faults.LoseReplyAfterRefund(2);
                stripe.Faults.FailNextRefunds(1);
            }

            foreach (var (key, value) in StripeSettings(stripe))
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in options.HostSettings)
        {
            settings[key] = value;
        }

        await using var host = await DemoHost.StartAsync(connection, settings.GetValueOrDefault("Queues:Events") ?? QueueName, settings, options.Port, cancellationToken);
        var odoo = host.Services.GetRequiredService<OdooClient>();
        AnsiConsole.MarkupLine(sandbox is null
            ? $"[bold]RetailSync demo, part 2: a trading day[/] against the Odoo at [blue]{Markup.Escape(Environment.GetEnvironmentVariable("Odoo__BaseUrl")!)}[/]"
            : $"[bold]RetailSync demo, part 2: a trading day[/] against the embedded Odoo {options.OdooVersion} sandbox at [blue]{sandbox.BaseUrl}[/]{(options.OdooFaults ? " (flaky: replies lost after commit, 503s)" : string.Empty)}");
        if (options.Seed && sandbox is null)
        {
            var shipping = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OdooClientOptions>>().Value.ShippingProductSku;
            var created = await TradingDayRunner.EnsureProductsAsync(odoo, [.. TradingDayPlan.Catalogue, new DayLine(shipping, "Shipping", 1, TradingDayPlan.Shipping)], cancellationToken);
            AnsiConsole.MarkupLine($"--seed: created {created} missing product(s)");
        }

        var context = new DemoContext(TimeProvider.System);
        var orders = TradingDayPlan.Build(context, options.Orders);
        if (stripe is not null)
        {
            // The shop's checkout took these payments at Stripe: the PaymentIntents exist there, so refunds can be made.
            orders = TradingDayPlan.Build(context, options.Orders, await CreatePaymentIntentsAsync(stripe, orders, cancellationToken));
            stripe.WebhookUrl = new Uri(host.Address, "api/webhooks/stripe");
        }

        var started = TimeProvider.System.GetTimestamp();
        var result = await TradingDayRunner.RunAsync(host, orders, options.SettleTimeout, problems, cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Print(result, elapsed);

        // The returns come in once the goods are with the customers.
        var returns = TradingDayReturns.Build(new DemoContext(TimeProvider.System), orders);
        started = TimeProvider.System.GetTimestamp();
        var returned = await TradingDayReturnsRunner.RunAsync(host, returns, stripe, options.SettleTimeout, problems, cancellationToken);
        PrintReturns(returned, TimeProvider.System.GetElapsedTime(started));
        return result with { Returns = returned };
    }

    /// <summary>Creates a captured PaymentIntent at the sandbox for every Stripe-paid order (Shopify order id to <c>pi_...</c>).</summary>
    private static async Task<IReadOnlyDictionary<long, string>> CreatePaymentIntentsAsync(StripeSandbox stripe, IReadOnlyList<DayOrder> orders, CancellationToken cancellationToken)
    {
        var intents = new PaymentIntentService(new StripeClient(stripe.Options.ApiKey, apiBase: stripe.BaseUrl.ToString().TrimEnd('/')));
        var created = new Dictionary<long, string>();
        foreach (var order in orders.Where(o => o.PaidVia == "stripe"))
        {
            var orderId = TradingDayPlan.ShopifyOrderId(order);
            var intent = await intents.CreateAsync(
                new PaymentIntentCreateOptions
                {
                    Amount = (long)(order.Total * 100),
                    Currency = order.Currency.ToLowerInvariant(),
                    Metadata = new Dictionary<string, string> { ["shopify_shop_domain"] = DemoContext.Shop, ["shopify_order_id"] = order.ExternalId },
                },
                new RequestOptions { IdempotencyKey = "day-checkout-" + order.ExternalId },
                cancellationToken);
            created[orderId] = intent.Id;
        }

        return created;
    }

    private static void PrintReturns(TradingDayReturnsResult result, TimeSpan elapsed)
    {
        var table = new Table().Title("Reconciliation: returns, refunds and credit notes")
            .AddColumns("channel", "refunded by", "returns", "completed", "rejected", "refunds", "credit notes", "refunded", "credited", "Stripe refunds", "mismatches");
        foreach (var group in result.Returns.GroupBy(r => (r.Return.Channel, r.Return.RefundedBy, r.Return.Order.Currency)).OrderBy(g => g.Key.Channel, StringComparer.Ordinal))
        {
            table.AddRow(
                group.Key.Channel,
                group.Key.RefundedBy,
                Count(group.Count()),
                Count(group.Count(r => r.Outcome == "Completed")),
                Count(group.Count(r => r.Outcome is "Rejected" or "RefundRejected")),
                Count(group.Sum(r => r.Refunds)),
                Count(group.Sum(r => r.CreditNotes)),
                Money(group.Key.Currency, group.Sum(r => r.Refunded)),
                Money(group.Key.Currency, group.Sum(r => r.Credited)),
                group.All(r => r.GatewayRefunds is null) ? "-" : Count(group.Sum(r => r.GatewayRefunds ?? 0)),
                Count(group.Count(r => r.Differences.Count > 0)));
        }

        AnsiConsole.Write(table);
        var traits = result.Returns.SelectMany(r => r.Return.Traits).GroupBy(t => t, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
        var decisions = result.Returns.Where(r => r.Decision is not null).GroupBy(r => r.Decision!, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        AnsiConsole.MarkupLineInterpolated($"The returns had {string.Join(", ", traits)}; {result.Accepted} webhooks accepted, {result.Duplicates} answered as duplicates; the operator {(decisions.Any() ? string.Join(" and ", decisions) : "decided nothing")}; settled in {elapsed.TotalSeconds:0.0} s.");
        foreach (var row in result.Returns.Where(r => r.Differences.Count > 0).Take(20))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{row.Return.Channel} return {row.Return.ReturnId}[/] (order {row.Return.Order.ExternalId}): {string.Join("; ", row.Differences)}");
        }
    }

    private static void Print(TradingDayResult result, TimeSpan elapsed)
    {
        var table = new Table().Title("Reconciliation: channel orders vs Odoo")
            .AddColumns("channel", "orders", "in Odoo", "delivered", "invoiced", "paid", "cancelled", "completed", "parked", "mismatches", "channel total", "Odoo total");
        foreach (var group in result.Orders.GroupBy(o => (o.Order.Channel, o.Order.Currency)).OrderBy(g => g.Key.Channel, StringComparer.Ordinal))
        {
            var live = group.Where(o => !o.Order.Cancelled).ToList();
            table.AddRow(
                group.Key.Channel,
                Count(group.Count()),
                Count(group.Count(o => o.SaleOrderName is not null)),
                Count(live.Count(o => o.Delivered)),
                Count(live.Count(o => o.Invoiced)),
                Count(live.Count(o => o.Paid)),
                Count(group.Count(o => o.Order.Cancelled && o.OdooState == "cancel")),
                Count(group.Count(o => o.Outcome == "Completed")),
                Count(group.Count(o => o.ParkedKind is not null)),
                Count(group.Count(o => o.Differences.Count > 0)),
                Money(group.Key.Currency, live.Sum(o => o.Order.Total)),
                Money(group.Key.Currency, live.Sum(o => o.OdooTotal ?? 0m)));
        }

        AnsiConsole.Write(table);
        var traits = result.Orders.SelectMany(o => o.Order.Traits).GroupBy(t => t, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
        AnsiConsole.MarkupLineInterpolated($"The day had {string.Join(", ", traits)}; {result.Accepted} webhooks accepted, {result.Duplicates} answered as duplicates; the operator resolved {result.OperatorResolutions} parked order(s); settled in {elapsed.TotalSeconds:0.0} s.");
        foreach (var row in result.Orders.Where(o => o.ParkedKind is not null || o.Differences.Count > 0).Take(20))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{row.Order.Channel} {row.Order.ExternalId}[/] ({row.SaleOrderName ?? "no sale order"}): {(row.ParkedKind is { } kind ? "parked: " + kind + "; " : string.Empty)}{string.Join("; ", row.Differences)}");
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(string currency, decimal amount) => string.Create(CultureInfo.InvariantCulture, $"{amount:N2} {currency}");
}
