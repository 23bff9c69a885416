namespace RetailSync.Workflows.Client;

/// <summary>Filter for <see cref="OrchestrationClient.QueryInstancesAsync"/> (mirrors Durable's <c>OrchestrationQuery</c>).</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only instances in one of these states; null or empty means any.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances whose id starts with this (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size, 1 to 1000.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page ended; null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to include serialised inputs and outputs.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}
