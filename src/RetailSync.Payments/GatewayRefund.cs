namespace RetailSync.Payments;

/// <summary>A refund as the gateway reports it.</summary>
/// <param name="Gateway">The gateway's name (<see cref="PaymentGateway.Name"/>).</param>
/// <param name="RefundId">The gateway's refund id (Stripe: <c>re_...</c>).</param>
/// <param name="PaymentId">The payment refunded.</param>
/// <param name="Amount">Amount in major units.</param>
/// <param name="Currency">ISO 4217 code, upper case.</param>
/// <param name="State">Where the refund stands; only <see cref="GatewayRefundState.Succeeded"/> is money returned.</param>
public sealed record GatewayRefund(string Gateway, string RefundId, string PaymentId, decimal Amount, string Currency, GatewayRefundState State)
{
    /// <summary>The gateway's reason when <see cref="State"/> is failed or canceled.</summary>
    public string? FailureReason { get; init; }
}
