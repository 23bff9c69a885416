namespace RetailSync.Workflows.Embedded.Runtime;

/// <summary>Another worker is finishing an episode of this instance; try again after <see cref="RetryAfter"/>.</summary>
internal sealed class InstanceBusyException(string instanceId, TimeSpan retryAfter)
    : Exception($"Instance '{instanceId}' is being processed elsewhere; retry after {retryAfter}.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
