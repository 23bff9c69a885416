namespace RetailSync.Dispatch.Routing;

/// <summary>The effective route of one event type (defaults and overrides merged).</summary>
internal sealed record ResolvedRoute(RouteTarget Target, string? Workflow, string? EventName);
