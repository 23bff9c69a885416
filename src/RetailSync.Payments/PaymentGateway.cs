namespace RetailSync.Payments;

/// <summary>
/// The payments port: what the return-to-refund workflow asks of a payment gateway. One implementation per
/// gateway (Stripe first), registered in <see cref="PaymentGateways"/> under <see cref="Name"/>, which is the
/// channel part of a payment reference (<c>stripe/pi_123</c> is gateway <c>stripe</c>, payment <c>pi_123</c>).
/// </summary>
/// <remarks>
/// Implementations are thread-safe and idempotent on <see cref="GatewayRefundRequest.IdempotencyKey"/>: a
/// second call with the same key returns the refund the first one made and never moves money again, even when
/// the first call's reply was lost. Failures surface as <see cref="PaymentGatewayException"/>; its
/// <see cref="PaymentGatewayException.IsTransient"/> tells a caller whether retrying with the same key may help.
/// </remarks>
public abstract class PaymentGateway
{
    /// <summary>The gateway's name in payment references, lower case (e.g. <c>stripe</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Refunds (part of) a captured payment. A refund may come back <see cref="GatewayRefundState.Pending"/>.</summary>
    public abstract Task<GatewayRefund> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken = default);

    /// <summary>The refund as the gateway holds it now, or null when the gateway does not know the id.</summary>
    public abstract Task<GatewayRefund?> GetRefundAsync(string refundId, CancellationToken cancellationToken = default);
}
