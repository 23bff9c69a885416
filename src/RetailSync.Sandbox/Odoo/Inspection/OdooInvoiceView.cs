namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>A customer invoice or credit note with its lines and payment state.</summary>
public sealed record OdooInvoiceView(
    int Id,
    string? Name,
    string MoveType,
    string State,
    string PaymentState,
    int? PartnerId,
    string? InvoiceOrigin,
    int? ReversedEntryId,
    decimal AmountUntaxed,
    decimal AmountTax,
    decimal AmountTotal,
    decimal AmountResidual,
    IReadOnlyList<OdooInvoiceLineView> Lines);
