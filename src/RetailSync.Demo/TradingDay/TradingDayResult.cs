namespace RetailSync.Demo.TradingDay;

/// <summary>What the trading day ended with: the deliveries' answers and every order reconciled against Odoo.</summary>
public sealed record TradingDayResult(int Accepted, int Duplicates, IReadOnlyList<OrderReconciliation> Orders, int OperatorResolutions)
{
    public int OdooOrders => Orders.Count(o => o.SaleOrderName is not null);

    public int Completed => Orders.Count(o => o.Outcome == "Completed");

    public int Parked => Orders.Count(o => o.ParkedKind is not null);

    public int Mismatches => Orders.Count(o => o.Differences.Count > 0);
}
