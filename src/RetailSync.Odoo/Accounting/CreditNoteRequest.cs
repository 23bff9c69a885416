namespace RetailSync.Odoo;

/// <summary>
/// A credit note against a posted invoice. With <see cref="Lines"/> it is partial (only those SKUs and quantities;
/// shipping only when <see cref="IncludeShipping"/>); without, it credits the whole invoice. Idempotent on
/// <see cref="Reference"/>, written as the credit note's <c>ref</c>.
/// </summary>
public sealed record CreditNoteRequest(long InvoiceId, string Reference, string Reason)
{
    public IReadOnlyList<CreditNoteLine>? Lines { get; init; }

    public bool IncludeShipping { get; init; }

    /// <summary>
    /// When set, the posted credit note totals exactly this amount: one line without product or tax
    /// (<see cref="AdjustmentLabel"/>) makes up the difference to the credited lines (a restocking fee, return shipping,
    /// a channel's own deduction, rounding).
    /// </summary>
    public decimal? TargetTotal { get; init; }

    /// <summary>The label of the adjustment line.</summary>
    public string AdjustmentLabel { get; init; } = "Refund adjustment";
}
