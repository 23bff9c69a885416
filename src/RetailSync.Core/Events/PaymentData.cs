namespace RetailSync.Events;

/// <summary>Data of <c>retail.payment.captured</c> and <c>retail.payment.failed</c>.</summary>
/// <param name="PaymentReference">Gateway reference (<c>stripe/pi_3MtwBwLkdIwHu7ix28a3tqPa</c>); also the subject key.</param>
/// <param name="Channel">The gateway (<c>stripe</c>).</param>
/// <param name="Amount">Amount captured (or attempted), in major units.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Status">The gateway's status (<c>succeeded</c>, <c>requires_payment_method</c>, ...).</param>
/// <param name="OrderKey">Subject form of the order the payment is for, when the payment names it.</param>
/// <param name="PaymentMethodType">The kind of payment method (<c>card</c>, <c>klarna</c>, ...), never its details.</param>
/// <param name="FailureCode">The gateway's failure code, for failed payments.</param>
/// <param name="FailureMessage">The gateway's failure message, for failed payments.</param>
/// <param name="OccurredAt">When the gateway recorded the event.</param>
public sealed record PaymentData(
    string PaymentReference,
    string Channel,
    decimal Amount,
    string Currency,
    string Status,
    string? OrderKey,
    string? PaymentMethodType,
    string? FailureCode,
    string? FailureMessage,
    DateTimeOffset OccurredAt);
