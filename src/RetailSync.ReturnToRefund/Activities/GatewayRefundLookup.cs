namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="GetGatewayRefundActivity"/>: a refund at a gateway.</summary>
public sealed record GatewayRefundLookup(string Gateway, string RefundId);
