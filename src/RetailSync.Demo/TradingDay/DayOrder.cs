using RetailSync.Demo.Scenarios;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// One order of the trading day as the channel sees it: its key, what was bought and what it costs, and the
/// deliveries the channels send for it, in the order they are sent (which is not always the business order).
/// </summary>
/// <param name="Channel">shopify or pos.</param>
/// <param name="ExternalId">The channel's order id (Shopify order id, POS sale id).</param>
/// <param name="InstanceId">The order-to-cash instance (<c>order:{channel}:{key}</c>).</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Total">The channel's grand total.</param>
/// <param name="Cancelled">Cancelled by the channel before shipment.</param>
/// <param name="UnknownSkus">SKUs Odoo does not know when the day starts (the operator creates them).</param>
/// <param name="Traits">What makes this order interesting (shown in the summary).</param>
/// <param name="Deliveries">Signed webhooks in sending order, including deliberate duplicates.</param>
public sealed record DayOrder(
    string Channel,
    string ExternalId,
    string InstanceId,
    string Currency,
    decimal Total,
    bool Cancelled,
    IReadOnlyList<string> UnknownSkus,
    IReadOnlyList<string> Traits,
    IReadOnlyList<DemoDelivery> Deliveries)
{
    /// <summary>What was bought (before tax); the returns of the day take from it.</summary>
    public IReadOnlyList<DayLine> Lines { get; init; } = [];

    /// <summary>How it was paid: <c>stripe</c> (a PaymentIntent), <c>shopify</c> (Shopify Payments) or <c>pos</c> (the till).</summary>
    public string PaidVia { get; init; } = "stripe";
}
