namespace RetailSync.OrderToCash.Workflow;

/// <summary>The summary an order-to-cash instance ends with.</summary>
public sealed record OrderToCashResult
{
    public required OrderToCashOutcome Outcome { get; init; }

    public required string BusinessKey { get; init; }

    public long? SaleOrderId { get; init; }

    public string? SaleOrderName { get; init; }

    public string? Currency { get; init; }

    public decimal? ChannelTotal { get; init; }

    public decimal? OdooTotal { get; init; }

    public IReadOnlyList<long> PickingIds { get; init; } = [];

    public long? InvoiceId { get; init; }

    public string? InvoiceName { get; init; }

    public IReadOnlyList<long> PaymentIds { get; init; } = [];

    public decimal AmountPaid { get; init; }

    public int EventsApplied { get; init; }

    public int DuplicatesIgnored { get; init; }

    public int StaleIgnored { get; init; }

    public IReadOnlyList<string> ExceptionIds { get; init; } = [];

    public string? Note { get; init; }
}
