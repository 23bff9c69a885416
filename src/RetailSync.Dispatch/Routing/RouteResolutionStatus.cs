namespace RetailSync.Dispatch.Routing;

/// <summary>Whether an event's instance is known.</summary>
internal enum RouteResolutionStatus
{
    Resolved = 0,
    Unresolved = 1,
    Ambiguous = 2,
}
