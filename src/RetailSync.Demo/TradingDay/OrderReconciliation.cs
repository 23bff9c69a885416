namespace RetailSync.Demo.TradingDay;

/// <summary>
/// One channel order held against Odoo at the end of the day: how its workflow ended and what Odoo holds
/// (sale order, delivery, posted invoice, payment), with every difference from what the channel said.
/// </summary>
public sealed record OrderReconciliation(DayOrder Order, string WorkflowState, string? Outcome, string? ParkedKind)
{
    /// <summary>The Odoo sale order's name, when there is one.</summary>
    public string? SaleOrderName { get; init; }

    /// <summary>Odoo's sale order state (<c>sale</c>, <c>cancel</c>, ...).</summary>
    public string? OdooState { get; init; }

    /// <summary>Odoo's order total.</summary>
    public decimal? OdooTotal { get; init; }

    /// <summary>Delivered in full in Odoo.</summary>
    public bool Delivered { get; init; }

    /// <summary>A posted customer invoice exists.</summary>
    public bool Invoiced { get; init; }

    /// <summary>The invoice is paid (or in payment).</summary>
    public bool Paid { get; init; }

    /// <summary>Differences between the channel and Odoo; empty on a clean order.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];
}
