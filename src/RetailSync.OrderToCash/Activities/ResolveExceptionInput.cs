namespace RetailSync.OrderToCash.Activities;

/// <summary>Input of <see cref="ResolveExceptionActivity"/>.</summary>
public sealed record ResolveExceptionInput(string ExceptionId, string Resolution, string? ResolvedBy);
