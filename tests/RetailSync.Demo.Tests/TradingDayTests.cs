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

        // The returns: every one ends as the day expects, with one posted credit note per refund, for its amount.
        var returns = Assert.IsType<TradingDayReturnsResult>(day.Returns);
        Assert.All(returns.Returns, r => Assert.True(r.Differences.Count == 0, $"{r.Return.InstanceId}: {string.Join("; ", r.Differences)}"));
        Assert.Equal(["loop", "pos", "shopify"], returns.Returns.Select(r => r.Return.Channel).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(returns.Refunds, returns.CreditNotes);
        Assert.True(returns.Refunds > returns.Returns.Count(r => r.Outcome == "Completed"), "a return received in two parcels is refunded twice");
        Assert.All(returns.Returns.GroupBy(r => (r.Return.Order.InstanceId, r.Return.Order.Currency)), g => Assert.Equal(g.Sum(r => r.Refunded), g.Sum(r => r.Credited)));
        Assert.Contains(returns.Returns, r => r.Decision == "approved" && r.Outcome == "Completed");
        Assert.Contains(returns.Returns, r => r.Decision == "rejected" && r.Outcome == "RefundRejected" && r.CreditNotes == 0);
        Assert.Contains(returns.Returns, r => r.Outcome == "Rejected" && r.Refunds == 0 && r.CreditNotes == 0);
        var exchange = Assert.Single(returns.Returns, r => r.Return.Exchanges.Count > 0);
        Assert.Equal("Completed", Assert.Single(exchange.ExchangeOrders).Outcome);
        // RetailSync refunded at Stripe exactly once per gateway refund, even when Stripe lost replies.
        var gateway = returns.Returns.Where(r => r.Return.RefundedBy == "gateway").ToList();
        Assert.Equal(gateway.Sum(r => r.Refunds), gateway.Sum(r => r.GatewayRefunds));
        Assert.All(returns.Returns.Where(r => r.Return.RefundedBy == "channel"), r => Assert.Equal(0, r.GatewayRefunds));
    }
}
