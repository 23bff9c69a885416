namespace RetailSync.Payments;

/// <summary>Where a gateway refund stands. A pending refund is not a completed one.</summary>
public enum GatewayRefundState
{
    /// <summary>Accepted by the gateway, not settled yet (a later webhook settles it).</summary>
    Pending = 0,

    /// <summary>Money returned.</summary>
    Succeeded = 1,

    /// <summary>The gateway could not return the money.</summary>
    Failed = 2,

    /// <summary>Canceled before it settled.</summary>
    Canceled = 3,

    /// <summary>The gateway needs something from the customer or merchant first.</summary>
    RequiresAction = 4,
}
