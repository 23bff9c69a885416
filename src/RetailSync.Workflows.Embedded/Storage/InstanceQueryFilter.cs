using RetailSync.Workflows.Client;

namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>The client-side part of <see cref="OrchestrationQuery"/> matching, shared by the stores.</summary>
internal static class InstanceQueryFilter
{
    public static bool Matches(OrchestrationQuery query, InstanceState state)
        => (query.Statuses is null || query.Statuses.Count == 0 || query.Statuses.Contains(state.Status))
            && (query.CreatedFrom is null || state.CreatedAt >= query.CreatedFrom)
            && (query.CreatedTo is null || state.CreatedAt < query.CreatedTo)
            && (query.InstanceIdPrefix is null || state.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal));
}
