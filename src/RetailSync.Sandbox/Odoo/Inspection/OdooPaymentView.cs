namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>A payment (inbound) or refund (outbound), its journal code, memo and the invoices it settles.</summary>
public sealed record OdooPaymentView(
    int Id,
    string? Name,
    string PaymentType,
    string State,
    decimal Amount,
    string? JournalCode,
    string? Memo,
    int? PartnerId,
    IReadOnlyList<int> ReconciledInvoiceIds);
