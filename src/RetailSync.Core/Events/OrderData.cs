namespace RetailSync.Events;

/// <summary>
/// Data of <c>retail.order.placed</c>, <c>retail.order.updated</c> and <c>retail.order.cancelled</c>: the whole
/// order as the channel last described it (every event carries a full snapshot, never a diff).
/// </summary>
/// <param name="OrderKey">Subject form of the order's <see cref="BusinessKey"/> (<c>order/shopify/acme.myshopify.com/450789469</c>).</param>
/// <param name="Channel">The channel that owns the order (<c>shopify</c>, <c>pos</c>).</param>
/// <param name="ChannelOrderId">The channel's order id.</param>
/// <param name="OrderNumber">The human order number (<c>#1001</c>), when there is one.</param>
/// <param name="Currency">ISO 4217 code of every amount in this record.</param>
/// <param name="TaxesIncluded">True when prices include tax (EU-style), false when tax is added on top.</param>
/// <param name="Subtotal">Sum of line prices after line discounts, before shipping (and before tax unless tax-inclusive).</param>
/// <param name="DiscountTotal">All discounts on the order.</param>
/// <param name="ShippingTotal">All shipping charges after shipping discounts.</param>
/// <param name="TaxTotal">All tax.</param>
/// <param name="Total">What the customer pays.</param>
/// <param name="FinancialStatus">The channel's payment status (<c>pending</c>, <c>paid</c>, <c>refunded</c>, ...).</param>
/// <param name="Customer">Who ordered, with minimal PII.</param>
/// <param name="PaymentReference">Gateway reference of the payment (<c>stripe/pi_...</c>), tying Stripe events to this order.</param>
/// <param name="Lines">Order lines.</param>
/// <param name="ShippingLines">Shipping charges.</param>
/// <param name="Discounts">Order-level discounts.</param>
/// <param name="PlacedAt">When the customer placed the order.</param>
/// <param name="UpdatedAt">When the channel last changed the order (the staleness version).</param>
/// <param name="CancelledAt">When it was cancelled, if it was.</param>
/// <param name="CancelReason">Why it was cancelled, if it was.</param>
public sealed record OrderData(
    string OrderKey,
    string Channel,
    string ChannelOrderId,
    string? OrderNumber,
    string Currency,
    bool TaxesIncluded,
    decimal Subtotal,
    decimal DiscountTotal,
    decimal ShippingTotal,
    decimal TaxTotal,
    decimal Total,
    string? FinancialStatus,
    CustomerIdentity? Customer,
    string? PaymentReference,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyList<ShippingLine> ShippingLines,
    IReadOnlyList<DiscountLine> Discounts,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CancelledAt = null,
    string? CancelReason = null);
