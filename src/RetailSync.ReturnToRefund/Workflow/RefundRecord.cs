namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>One refund of a return (a return can be refunded in several batches, one per receipt) and its books.</summary>
/// <param name="Batch">1, 2, ... in the order the refunds were decided.</param>
/// <param name="Method"><c>gateway</c>, <c>channel</c>, <c>store-credit</c> or <c>exchange</c>.</param>
/// <param name="Reference">The refund's id where the money moved (<c>re_...</c>, the channel's refund id), or the credit note reference.</param>
/// <param name="Amount">Amount refunded, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="State"><c>pending</c>, <c>succeeded</c>, <c>failed</c>, <c>credited</c>, <c>booked</c>.</param>
public sealed record RefundRecord(int Batch, string Method, string? Reference, decimal Amount, string Currency, string State)
{
    /// <summary>The lines this refund covers (SKU, quantity).</summary>
    public IReadOnlyList<RefundedLine> Lines { get; init; } = [];

    /// <summary>Gross value of the lines before deductions.</summary>
    public decimal Gross { get; init; }

    /// <summary>Restocking fee and return shipping kept.</summary>
    public decimal Deductions { get; init; }

    public long? CreditNoteId { get; init; }

    public string? CreditNoteName { get; init; }

    public decimal? CreditNoteTotal { get; init; }

    /// <summary>The refund payment registered against the credit note (none for store credit).</summary>
    public long? PaymentId { get; init; }
}
