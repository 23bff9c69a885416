namespace RetailSync.Ops.Workflows;

/// <summary>The outcome of a resolve request and the exception it answered.</summary>
public sealed record ResolveResult(ResolveStatus Status, string Message, string? ExceptionId = null);
