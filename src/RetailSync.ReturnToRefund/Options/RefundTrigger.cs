using System.Text.Json.Serialization;

namespace RetailSync.ReturnToRefund.Options;

/// <summary>When a channel's returns are refunded.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefundTrigger>))]
public enum RefundTrigger
{
    /// <summary>As soon as the return is authorized and its transfer created (before the goods are back).</summary>
    OnAuthorization = 0,

    /// <summary>When the goods are received, whatever inspection found (only units actually received).</summary>
    OnReceipt = 1,

    /// <summary>When the goods are received and inspected: only units whose inspection result is refundable.</summary>
    AfterInspection = 2,
}
