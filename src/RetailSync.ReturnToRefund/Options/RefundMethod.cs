using System.Text.Json.Serialization;

namespace RetailSync.ReturnToRefund.Options;

/// <summary>Where the money goes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefundMethod>))]
public enum RefundMethod
{
    /// <summary>Back to the payment the customer paid with.</summary>
    OriginalPayment = 0,

    /// <summary>Store credit: the credit note stays open in Odoo as the customer's balance; no money moves.</summary>
    StoreCredit = 1,
}
