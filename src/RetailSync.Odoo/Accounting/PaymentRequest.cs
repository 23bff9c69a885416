namespace RetailSync.Odoo;

/// <summary>
/// Money received (on an invoice) or paid back (on a credit note) through a gateway. Idempotent on
/// <see cref="GatewayReference"/>, which becomes the payment's memo. The journal is the one mapped to
/// <see cref="Gateway"/> in <see cref="OdooClientOptions.PaymentJournals"/>.
/// </summary>
public sealed record PaymentRequest(long InvoiceId, string Gateway, string GatewayReference, decimal Amount, DateOnly PaymentDate);
