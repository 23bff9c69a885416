namespace RetailSync.OrderToCash.Parking;

/// <summary>Exception record kinds written by the order-to-cash workflow.</summary>
public static class ExceptionKinds
{
    public const string UnknownSku = "unknown-sku";
    public const string CustomerConflict = "customer-conflict";
    public const string TotalsMismatch = "totals-mismatch";
    public const string CurrencyMismatch = "currency-mismatch";
    public const string OdooBusinessError = "odoo-business-error";
    public const string OdooUnavailable = "odoo-unavailable";
    public const string StepFailed = "step-failed";
    public const string BadEvent = "bad-event";
    public const string UnexpectedEvent = "unexpected-event";
    public const string CancelAfterShipment = "cancel-after-shipment";
    public const string RefundOwed = "refund-owed";
    public const string Unpaid = "unpaid";
    public const string OrderMissing = "order-missing";
    public const string Escalated = "escalated";
    public const string DuplicatePayment = "duplicate-payment";
}
