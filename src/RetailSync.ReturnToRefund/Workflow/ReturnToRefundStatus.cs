using RetailSync.OrderToCash.Workflow;

namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>
/// The custom status of a return-to-refund instance: where the return stands, what it waits for, what Odoo and the
/// gateway hold, the parked step or pending approval if any, and the last things that happened.
/// </summary>
public sealed record ReturnToRefundStatus
{
    /// <summary>
    /// <c>awaiting-authorization</c>, <c>checking</c>, <c>awaiting-goods</c>, <c>refunding</c>, <c>awaiting-approval</c>,
    /// <c>awaiting-refund</c>, <c>parked</c>, <c>completed</c>, <c>rejected</c>, <c>refund-rejected</c>, <c>cancelled</c>.
    /// </summary>
    public required string Stage { get; init; }

    /// <summary>What the instance waits for: <c>authorization</c>, <c>order</c>, <c>goods</c>, <c>approval</c>, <c>refund</c>, <c>operator</c>.</summary>
    public IReadOnlyList<string> WaitingFor { get; init; } = [];

    public string? OrderKey { get; init; }

    public long? SaleOrderId { get; init; }

    public string? SaleOrderName { get; init; }

    public long? InvoiceId { get; init; }

    public long? ReturnPickingId { get; init; }

    public string? ReturnPickingName { get; init; }

    public string? Currency { get; init; }

    /// <summary>Units authorized per SKU.</summary>
    public IReadOnlyDictionary<string, int> Authorized { get; init; } = new Dictionary<string, int>();

    /// <summary>Units received per SKU.</summary>
    public IReadOnlyDictionary<string, int> Received { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<RefundRecord> Refunds { get; init; } = [];

    public decimal AmountRefunded { get; init; }

    public decimal AmountCredited { get; init; }

    public string? RejectionReason { get; init; }

    public PendingApproval? AwaitingApproval { get; init; }

    public ParkedStep? Parked { get; init; }

    public IReadOnlyList<string> ExceptionIds { get; init; } = [];

    /// <summary>The most recent events and steps (oldest first, bounded).</summary>
    public IReadOnlyList<string> History { get; init; } = [];
}
