namespace RetailSync.Workflows.Client;

/// <summary>One page of instances, and where the next one starts (null when this is the last).</summary>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
