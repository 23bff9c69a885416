namespace RetailSync.Dispatch;

/// <summary>Which workflow instance an event type goes to.</summary>
public enum RouteTarget
{
    /// <summary>The order it belongs to: <c>order:{channel}:{orderKey}</c> (subject, <c>orderkey</c>, or cross-reference).</summary>
    Order = 0,

    /// <summary>The return it belongs to: <c>return:{channel}:{returnKey}</c> (subject or <c>returnkey</c>).</summary>
    Return = 1,

    /// <summary>The return when the event names one (<c>returnkey</c>), else the order (refunds).</summary>
    ReturnOrOrder = 2,

    /// <summary>An instance of its own subject (<c>payout:stripe:po_1</c>) of the route's workflow.</summary>
    Subject = 3,

    /// <summary>No workflow: recorded in the ledger and audit trail only.</summary>
    Record = 4,
}
