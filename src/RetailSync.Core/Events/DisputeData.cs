namespace RetailSync.Events;

/// <summary>Data of <c>retail.payment.disputed</c>: a chargeback was opened against a payment.</summary>
/// <param name="DisputeId">The gateway's dispute id (<c>dp_...</c>).</param>
/// <param name="PaymentReference">The disputed payment (<c>stripe/pi_...</c>), when known.</param>
/// <param name="Amount">Disputed amount, in major units.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Reason">The gateway's reason (<c>fraudulent</c>, <c>product_not_received</c>, ...).</param>
/// <param name="Status">The gateway's dispute status.</param>
/// <param name="OccurredAt">When the gateway recorded the event.</param>
public sealed record DisputeData(
    string DisputeId,
    string? PaymentReference,
    decimal Amount,
    string Currency,
    string Reason,
    string Status,
    DateTimeOffset OccurredAt);
