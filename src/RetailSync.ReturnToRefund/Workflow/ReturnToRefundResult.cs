namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>The summary a return-to-refund instance ends with.</summary>
public sealed record ReturnToRefundResult
{
    public required ReturnToRefundOutcome Outcome { get; init; }

    public required string BusinessKey { get; init; }

    public string? OrderKey { get; init; }

    public long? SaleOrderId { get; init; }

    public IReadOnlyList<long> ReturnPickingIds { get; init; } = [];

    public string? Currency { get; init; }

    public IReadOnlyList<RefundRecord> Refunds { get; init; } = [];

    public decimal AmountRefunded { get; init; }

    public decimal AmountCredited { get; init; }

    /// <summary>Order keys of the replacement orders started for exchanges.</summary>
    public IReadOnlyList<string> ExchangeOrders { get; init; } = [];

    /// <summary>Why the return or its refund was rejected, in words the channel can show the customer.</summary>
    public string? RejectionReason { get; init; }

    public int EventsApplied { get; init; }

    public int DuplicatesIgnored { get; init; }

    public int StaleIgnored { get; init; }

    public IReadOnlyList<string> ExceptionIds { get; init; } = [];

    public string? Note { get; init; }
}
