namespace RetailSync.Workflows.Client;

/// <summary>Options for scheduling an instance (mirrors Durable's <c>StartOrchestrationOptions</c>).</summary>
/// <param name="InstanceId">The instance id; null makes a new random one.</param>
/// <param name="StartAt">Delay the first execution until this time.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
