using RetailSync.Demo.Scenarios;
using RetailSync.ReturnToRefund.Workflow;

namespace RetailSync.Demo.TradingDay;

/// <summary>
/// One return of the trading day as the channels see it: which order it takes back, what comes back in which
/// condition, what the day expects it to end as, and the signed webhooks the channels send for it.
/// </summary>
/// <param name="Channel">Where the customer returned it: <c>loop</c>, <c>shopify</c> or <c>pos</c>.</param>
/// <param name="ReturnId">The channel's return id.</param>
/// <param name="InstanceId">The return-to-refund instance (<c>return:{channel}:{key}</c>).</param>
/// <param name="ReturnKey">The return's subject (<c>return/{channel}/{key}</c>).</param>
/// <param name="Order">The order it takes back.</param>
/// <param name="Lines">What comes back (a line of an ineligible return may ask for more than was bought).</param>
/// <param name="ExpectedOutcome">How the workflow should end.</param>
/// <param name="Traits">What makes this return interesting (shown in the summary).</param>
/// <param name="Deliveries">Signed webhooks in sending order, including deliberate duplicates.</param>
public sealed record DayReturn(
    string Channel,
    string ReturnId,
    string InstanceId,
    string ReturnKey,
    DayOrder Order,
    IReadOnlyList<DayReturnLine> Lines,
    ReturnToRefundOutcome ExpectedOutcome,
    IReadOnlyList<string> Traits,
    IReadOnlyList<DemoDelivery> Deliveries)
{
    /// <summary>The demo's operator rejects this return's refund when it waits for approval (any other is approved).</summary>
    public bool RejectRefund { get; init; }

    /// <summary>Replacements the customer takes instead of money (priced tax-inclusive, as the till prices them).</summary>
    public IReadOnlyList<DayLine> Exchanges { get; init; } = [];

    /// <summary>Whose money goes back: <c>gateway</c> (RetailSync refunds at Stripe) or <c>channel</c> (Shopify, the till).</summary>
    public string RefundedBy => Channel == "loop" ? "gateway" : "channel";
}
