namespace RetailSync.Events;

/// <summary>Data of <c>retail.refund.issued</c> and <c>retail.refund.updated</c>.</summary>
/// <param name="RefundKey">Subject form of the refund's <see cref="BusinessKey"/>.</param>
/// <param name="Channel">The channel or gateway that issued the refund.</param>
/// <param name="ChannelRefundId">The channel's refund id (or, for a Stripe charge, the charge id).</param>
/// <param name="OrderKey">Subject form of the order, when known.</param>
/// <param name="PaymentReference">The refunded payment (<c>stripe/pi_...</c>), when known.</param>
/// <param name="Amount">Amount refunded, in major units (for a Stripe charge: the total refunded so far).</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Status">The channel's refund status (<c>succeeded</c>, <c>pending</c>, <c>failed</c>, ...).</param>
/// <param name="Reason">Why, when the channel says.</param>
/// <param name="Lines">Refunded order lines, when the channel itemises them.</param>
/// <param name="OccurredAt">When the channel recorded the refund.</param>
public sealed record RefundData(
    string RefundKey,
    string Channel,
    string ChannelRefundId,
    string? OrderKey,
    string? PaymentReference,
    decimal Amount,
    string Currency,
    string Status,
    string? Reason,
    IReadOnlyList<RefundLine> Lines,
    DateTimeOffset OccurredAt);
