namespace RetailSync.Payments;

/// <summary>
/// A refund to ask of a gateway. <see cref="PaymentId"/> is the gateway's own payment id (Stripe: the
/// PaymentIntent id). <see cref="IdempotencyKey"/> must be derived from what is being refunded (the return and
/// its line set), never random, so that every retry of the same refund carries the same key.
/// </summary>
/// <param name="PaymentId">The gateway's payment id, without the gateway prefix.</param>
/// <param name="Amount">Amount in major units (12.50), positive.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="IdempotencyKey">Stable key; the gateway refunds at most once per key.</param>
public sealed record GatewayRefundRequest(string PaymentId, decimal Amount, string Currency, string IdempotencyKey)
{
    /// <summary>Why the money goes back (shown to the customer by some gateways).</summary>
    public string? Reason { get; init; }

    /// <summary>Metadata stored on the refund; it comes back on the gateway's webhooks (e.g. <c>return_key</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
