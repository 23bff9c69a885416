namespace RetailSync.Odoo;

/// <summary>An invoice or credit note (<c>account.move</c>) as Odoo holds it.</summary>
public sealed record InvoiceRef(
    long InvoiceId,
    string? Name,
    string State,
    string MoveType,
    decimal AmountTotal,
    decimal AmountResidual,
    string? PaymentState)
{
    /// <summary>False when an earlier call had already created it.</summary>
    public bool Created { get; init; }
}
