using System.Text.Json.Serialization;

namespace RetailSync.ReturnToRefund.Options;

/// <summary>Who moves the money back for a channel's returns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefundIssuer>))]
public enum RefundIssuer
{
    /// <summary>
    /// RetailSync refunds at the payment gateway (Stripe), with an idempotency key per return and line set; a refund the
    /// channel reports before that is recorded instead (the channel already refunded).
    /// </summary>
    Gateway = 0,

    /// <summary>The channel refunds (Shopify admin, the POS till): the workflow waits for its refund event and books it.</summary>
    Channel = 1,
}
