using System.Text.Json.Serialization;

namespace RetailSync.OrderToCash.Options;

/// <summary>When the order is invoiced.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvoicePolicy>))]
public enum InvoicePolicy
{
    /// <summary>As soon as the order is confirmed and a payment is captured (then the payment is registered).</summary>
    OnPayment = 0,

    /// <summary>Once the order is delivered in full (or its remainder dropped).</summary>
    OnDelivery = 1,
}
