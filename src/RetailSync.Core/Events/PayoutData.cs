namespace RetailSync.Events;

/// <summary>Data of <c>retail.payout.paid</c>: the gateway paid a balance out to the retailer's bank.</summary>
/// <param name="PayoutKey">Subject form of the payout's <see cref="BusinessKey"/>.</param>
/// <param name="Channel">The gateway (<c>stripe</c>).</param>
/// <param name="ChannelPayoutId">The gateway's payout id (<c>po_...</c>).</param>
/// <param name="Amount">Amount paid out, in major units.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Status">The gateway's payout status.</param>
/// <param name="ArrivalDate">When the money is expected in the bank, when known.</param>
/// <param name="OccurredAt">When the gateway recorded the event.</param>
public sealed record PayoutData(
    string PayoutKey,
    string Channel,
    string ChannelPayoutId,
    decimal Amount,
    string Currency,
    string Status,
    DateOnly? ArrivalDate,
    DateTimeOffset OccurredAt);
