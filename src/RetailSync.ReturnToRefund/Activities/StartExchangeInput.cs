using RetailSync.Events;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="StartExchangeActivity"/>: the replacement order an exchange starts.</summary>
/// <param name="ReturnKey">Subject form of the return.</param>
/// <param name="OrderKey">Subject form of the original order.</param>
/// <param name="ChannelReturnId">The channel's return id (names the replacement order).</param>
/// <param name="Currency">ISO 4217 code of the exchange prices.</param>
/// <param name="Lines">The replacements.</param>
/// <param name="Gateway">The gateway name whose journal carries exchanges.</param>
/// <param name="TaxShare">Share of a tax-inclusive price that is tax, as on the returned goods' invoice (0.1304 for 15% on top).</param>
public sealed record StartExchangeInput(
    string ReturnKey,
    string OrderKey,
    string ChannelReturnId,
    string Currency,
    IReadOnlyList<ExchangeLine> Lines,
    string Gateway,
    decimal TaxShare = 0m);
