using RetailSync.Workflows.Client;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>
/// The state row of one instance: what clients read, and the concurrency anchor of the instance. Every episode
/// commits by replacing this row conditionally on its <see cref="ETag"/>.
/// </summary>
public sealed record InstanceState
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>How many history events of the current execution are committed.</summary>
    public int HistoryCount { get; init; }

    /// <summary>The episode whose outbox rows are committed (outbox rows of any other episode were never committed).</summary>
    public string? LastEpisodeId { get; init; }

    /// <summary>Set on sub-orchestrations: the parent to notify on completion.</summary>
    public string? ParentInstanceId { get; init; }

    public string? ParentExecutionId { get; init; }

    public int? ParentTaskId { get; init; }

    /// <summary>The store's version tag of the row as read; null for a row not yet stored.</summary>
    public string? ETag { get; init; }

    /// <summary>True once the instance can no longer change.</summary>
    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated;
}
