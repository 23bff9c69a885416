using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Demo.Scenarios;
using RetailSync.Odoo;
using RetailSync.Sandbox.Odoo;
using Spectre.Console;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// Part 2 of the demo: the local host with its dispatcher and embedded workflow runtime on, against the embedded
/// Odoo sandbox, or against a real Odoo when <c>Odoo__BaseUrl</c> (with <c>Odoo__Database</c>, <c>Odoo__Login</c>,
/// <c>Odoo__ApiKey</c>) is set; runs the day and prints the reconciliation.
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
    };

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

        var orders = TradingDayPlan.Build(new DemoContext(TimeProvider.System), options.Orders);
        var started = TimeProvider.System.GetTimestamp();
        var result = await TradingDayRunner.RunAsync(host, orders, options.SettleTimeout, problems, cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Print(result, elapsed);
        return result;
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
