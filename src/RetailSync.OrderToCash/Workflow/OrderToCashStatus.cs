namespace RetailSync.OrderToCash.Workflow;

/// <summary>
/// The custom status of an order-to-cash instance: where the order stands, what it waits for, what Odoo holds,
/// the parked step if any, and the last things that happened (the ops endpoint's history summary).
/// </summary>
public sealed record OrderToCashStatus
{
    /// <summary><c>awaiting-order</c>, <c>placing</c>, <c>in-progress</c>, <c>parked</c>, <c>completed</c>, <c>cancelled</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>What the instance waits for: <c>order</c>, <c>payment</c>, <c>shipment</c>, <c>operator</c>.</summary>
    public IReadOnlyList<string> WaitingFor { get; init; } = [];

    public long? SaleOrderId { get; init; }

    public string? SaleOrderName { get; init; }

    public string? Currency { get; init; }

    public decimal? ChannelTotal { get; init; }

    public decimal? OdooTotal { get; init; }

    public decimal AmountPaid { get; init; }

    public int ShipmentsApplied { get; init; }

    public bool Delivered { get; init; }

    public long? InvoiceId { get; init; }

    public string? InvoiceName { get; init; }

    public bool InvoicePosted { get; init; }

    public ParkedStep? Parked { get; init; }

    public IReadOnlyList<string> ExceptionIds { get; init; } = [];

    /// <summary>The most recent events and steps (oldest first, bounded).</summary>
    public IReadOnlyList<string> History { get; init; } = [];
}
