namespace RetailSync.Events;

/// <summary>Data of <c>retail.return.requested</c>, <c>retail.return.authorized</c>, <c>retail.return.updated</c> and <c>retail.return.closed</c>.</summary>
/// <param name="ReturnKey">Subject form of the return's <see cref="BusinessKey"/>.</param>
/// <param name="Channel">The channel that manages the return (<c>shopify</c>, <c>loop</c>).</param>
/// <param name="ChannelReturnId">The channel's return id.</param>
/// <param name="OrderKey">Subject form of the original order, when known.</param>
/// <param name="Status">The channel's return state (<c>requested</c>, <c>open</c>, <c>closed</c>, ...).</param>
/// <param name="Currency">ISO 4217 code of <paramref name="RefundTotal"/>, when known.</param>
/// <param name="RefundTotal">Total the channel expects to refund, when known.</param>
/// <param name="Lines">What is being returned.</param>
/// <param name="OccurredAt">When the channel last changed the return (the staleness version).</param>
/// <param name="Exchanges">Replacements sent instead of a refund (each starts an order of its own), when any.</param>
public sealed record ReturnData(
    string ReturnKey,
    string Channel,
    string ChannelReturnId,
    string? OrderKey,
    string Status,
    string? Currency,
    decimal? RefundTotal,
    IReadOnlyList<ReturnLine> Lines,
    DateTimeOffset OccurredAt,
    IReadOnlyList<ExchangeLine>? Exchanges = null);
