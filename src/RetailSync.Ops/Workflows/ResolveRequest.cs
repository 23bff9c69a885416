namespace RetailSync.Ops.Workflows;

/// <summary>
/// Body of <c>POST /api/ops/workflows/{instanceId}/resolve</c>: <c>action</c> is <c>retry</c>, <c>skip-step</c> or
/// <c>cancel</c>; <c>exceptionId</c> defaults to the exception the instance is parked on.
/// </summary>
public sealed record ResolveRequest(string? Action, string? Note = null, string? ExceptionId = null, string? ResolvedBy = null);
