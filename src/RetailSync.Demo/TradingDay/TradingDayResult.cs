namespace RetailSync.Demo.TradingDay;

/// <summary>What the trading day ended with: the deliveries' answers and every order reconciled against Odoo.</summary>
public sealed record TradingDayResult(int Accepted, int Duplicates, IReadOnlyList<OrderReconciliation> Orders, int OperatorResolutions)
{
    /// <summary>The returns phase, when the day had one.</summary>
    public TradingDayReturnsResult? Returns { get; init; }

    public int OdooOrders => Orders.Count(o => o.SaleOrderName is not null);

    public int Completed => Orders.Count(o => o.Outcome == "Completed");

    /// <summary>Orders and returns parked for an operator.</summary>
    public int Parked => Orders.Count(o => o.ParkedKind is not null) + (Returns?.Parked ?? 0);

    /// <summary>Orders and returns with a difference from what the channels said.</summary>
    public int Mismatches => Orders.Count(o => o.Differences.Count > 0) + (Returns?.Mismatches ?? 0);
}
