using RetailSync.Odoo;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="CreateCreditNoteActivity"/>: the partial credit note of one refund batch.</summary>
public sealed record CreditNoteInput(string ReturnKey, CreditNoteRequest Request);
