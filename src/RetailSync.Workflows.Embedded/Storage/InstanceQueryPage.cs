namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>One page of state rows and the token for the next page (null on the last).</summary>
public sealed record InstanceQueryPage(IReadOnlyList<InstanceState> Instances, string? ContinuationToken);
