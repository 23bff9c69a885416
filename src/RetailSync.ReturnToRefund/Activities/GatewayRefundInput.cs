namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="RefundAtGatewayActivity"/>.</summary>
/// <param name="ReturnKey">Subject form of the return (travels as the refund's <c>return_key</c> metadata).</param>
/// <param name="OrderKey">Subject form of the order (<c>order_key</c> metadata).</param>
/// <param name="PaymentReferences">The order's payment references; the first at a registered gateway is refunded.</param>
/// <param name="Amount">Amount to refund, in major units.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="IdempotencyKey">Derived from the return and the batch's line set (and the operator's retry count), never random.</param>
/// <param name="Reason">Why, for the gateway and the customer.</param>
public sealed record GatewayRefundInput(
    string ReturnKey,
    string OrderKey,
    IReadOnlyList<string> PaymentReferences,
    decimal Amount,
    string Currency,
    string IdempotencyKey,
    string Reason);
