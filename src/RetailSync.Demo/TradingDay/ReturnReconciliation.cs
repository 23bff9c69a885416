namespace RetailSync.Demo.TradingDay;

/// <summary>
/// One return of the day held against Odoo (and the Stripe sandbox, when embedded): how its workflow ended, the
/// refunds it booked, the credit notes Odoo holds for it, and every difference from what the day expected.
/// </summary>
public sealed record ReturnReconciliation(DayReturn Return, string WorkflowState, string? Outcome, string? ParkedKind)
{
    /// <summary>Refund batches booked (money back through the gateway or channel, or an exchange), each with its credit note.</summary>
    public int Refunds { get; init; }

    /// <summary>What the booked refunds returned to the customer (or settled by exchange).</summary>
    public decimal Refunded { get; init; }

    /// <summary>Posted credit notes in Odoo for this return.</summary>
    public int CreditNotes { get; init; }

    /// <summary>Their total in Odoo.</summary>
    public decimal Credited { get; init; }

    /// <summary>Refunds the Stripe sandbox made for this return; null when the day ran against another Stripe.</summary>
    public int? GatewayRefunds { get; init; }

    /// <summary>The operator's decision on a refund that waited for approval, if one did: <c>approved</c> or <c>rejected</c>.</summary>
    public string? Decision { get; init; }

    /// <summary>The replacement orders of an exchange, reconciled like the day's orders.</summary>
    public IReadOnlyList<OrderReconciliation> ExchangeOrders { get; init; } = [];

    /// <summary>Differences from what the day expected; empty on a clean return.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];
}
