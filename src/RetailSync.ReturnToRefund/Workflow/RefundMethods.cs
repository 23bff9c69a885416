namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>How a refund batch was settled (<see cref="RefundRecord.Method"/>).</summary>
public static class RefundMethods
{
    /// <summary>RetailSync refunded at the payment gateway.</summary>
    public const string Gateway = "gateway";

    /// <summary>The channel refunded (Shopify, Loop, the POS till); RetailSync booked it.</summary>
    public const string Channel = "channel";

    /// <summary>No money moved: the credit note stays open as the customer's balance.</summary>
    public const string StoreCredit = "store-credit";

    /// <summary>The returned goods pay for a replacement order.</summary>
    public const string Exchange = "exchange";

    /// <summary>An operator said the money went back outside RetailSync; only the credit note is booked.</summary>
    public const string Outside = "outside";
}
