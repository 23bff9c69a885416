namespace RetailSync.Workflows.Orchestration;

/// <summary>Options for a sub-orchestration call.</summary>
/// <param name="InstanceId">The child's instance id; null derives one deterministically from the parent.</param>
/// <param name="Retry">How a failed child is retried.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null);
