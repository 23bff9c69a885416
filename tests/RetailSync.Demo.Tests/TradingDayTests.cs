using System.Collections.Concurrent;
using RetailSync.Demo.TradingDay;
using RetailSync.Testing;

namespace RetailSync.Demo.Tests;

/// <summary>
/// End to end through the local host: signed webhooks from Shopify, Stripe, the 3PL and POS in; sale orders,
/// deliveries, posted invoices and payments out of the Odoo sandbox, read back through the Odoo client.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TradingDayTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(17, false)]
    [InlineData(18, false)]
    [InlineData(17, true)]
    [InlineData(18, true)]
    public async Task A_trading_day_ends_with_odoo_holding_exactly_what_the_channels_said(int version, bool flakyOdoo)
    {
        var problems = new ConcurrentQueue<string>();
        var options = new DemoOptions
        {
            Orders = 32, OdooVersion = version, OdooFaults = flakyOdoo, Port = 0, SettleTimeout = TimeSpan.FromMinutes(3),
            HostSettings = new Dictionary<string, string?>
            {
                ["Queues:Events"] = azurite.UniqueName("day"),
                ["Workflows:TaskHub"] = azurite.UniqueName("hub"),
                ["Ledgers:EventsTable"] = azurite.UniqueName("events"),
                ["Ledgers:CrossReferencesTable"] = azurite.UniqueName("xrefs"),
                ["Ledgers:ExceptionsTable"] = azurite.UniqueName("exceptions"),
                ["Ledgers:AuditTable"] = azurite.UniqueName("audit"),
                ["Ledgers:UnroutedTable"] = azurite.UniqueName("unrouted"),
            },
        };

        var day = await TradingDayDemo.RunAsync(azurite.ConnectionString, options, problems, CancellationToken.None);

        Assert.Empty(problems);
        Assert.Equal(32, day.Orders.Count);
        Assert.All(day.Orders, o => Assert.Empty(o.Differences));
        Assert.Equal(0, day.Parked);
        Assert.Equal(32, day.OdooOrders);
        var cancelled = day.Orders.Where(o => o.Order.Cancelled).ToList();
        Assert.NotEmpty(cancelled);
        Assert.All(cancelled, o => Assert.Equal("cancel", o.OdooState));
        Assert.Equal(32 - cancelled.Count, day.Completed);
        Assert.All(day.Orders.Where(o => !o.Order.Cancelled), o => Assert.True(o.Delivered && o.Invoiced && o.Paid, $"{o.Order.ExternalId}: delivered {o.Delivered}, invoiced {o.Invoiced}, paid {o.Paid}"));
        Assert.Contains(day.Orders, o => o.Order.UnknownSkus.Count > 0);
        // Every order with the SKU launched today parks on it; the operator creates the product once, then retries each.
        Assert.Equal(day.Orders.Count(o => o.Order.UnknownSkus.Count > 0), day.OperatorResolutions);
        Assert.True(day.Duplicates > 0, "the day resends deliveries");
    }
}
