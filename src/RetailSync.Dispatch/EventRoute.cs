namespace RetailSync.Dispatch;

/// <summary>
/// Where one event type goes (<c>Dispatch:Routes:{type}</c>). Unset members fall back to the defaults:
/// the order or return workflow of <see cref="DispatchOptions"/> and the CloudEvent type as event name.
/// </summary>
public sealed record EventRoute
{
    /// <summary>Which instance receives the event.</summary>
    public RouteTarget Target { get; set; }

    /// <summary>Workflow to start when the instance does not exist (required for <see cref="RouteTarget.Subject"/>).</summary>
    public string? Workflow { get; set; }

    /// <summary>External event name to raise; null means the CloudEvent type.</summary>
    public string? EventName { get; set; }
}
