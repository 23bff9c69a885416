namespace RetailSync.Events;

/// <summary>CloudEvent <c>type</c> values of RetailSync's canonical events.</summary>
public static class RetailEventTypes
{
    public const string OrderPlaced = "retail.order.placed";
    public const string OrderUpdated = "retail.order.updated";
    public const string OrderCancelled = "retail.order.cancelled";
    public const string PaymentCaptured = "retail.payment.captured";
    public const string PaymentFailed = "retail.payment.failed";
    public const string PaymentDisputed = "retail.payment.disputed";
    public const string ShipmentDispatched = "retail.shipment.dispatched";
    public const string ShipmentDelivered = "retail.shipment.delivered";
    public const string ShipmentUpdated = "retail.shipment.updated";
    public const string ReturnRequested = "retail.return.requested";
    public const string ReturnAuthorized = "retail.return.authorized";
    public const string ReturnUpdated = "retail.return.updated";
    public const string ReturnReceived = "retail.return.received";
    public const string ReturnClosed = "retail.return.closed";
    public const string RefundIssued = "retail.refund.issued";
    public const string RefundUpdated = "retail.refund.updated";
    public const string PayoutPaid = "retail.payout.paid";
    public const string StockAdjusted = "retail.stock.adjusted";

    /// <summary>Every type above, for validation and routing tables.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        OrderPlaced, OrderUpdated, OrderCancelled, PaymentCaptured, PaymentFailed, PaymentDisputed,
        ShipmentDispatched, ShipmentDelivered, ShipmentUpdated, ReturnRequested, ReturnAuthorized, ReturnUpdated,
        ReturnReceived, ReturnClosed, RefundIssued, RefundUpdated, PayoutPaid, StockAdjusted,
    ];
}
