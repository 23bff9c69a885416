using RetailSync.Workflows.Client;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.Embedded.History;

/// <summary>
/// One event of an instance's history. Which optional fields are set depends on <see cref="Kind"/>:
/// <see cref="TaskId"/> links scheduling events (TaskScheduled, TimerCreated, SubOrchestrationCreated) with the
/// events that complete them; payloads are JSON written with <see cref="WorkflowJson.Options"/>.
/// </summary>
public sealed record HistoryEvent(HistoryEventKind Kind, DateTimeOffset Timestamp)
{
    /// <summary>The step (sequence number) of the task, timer or sub-orchestration this event belongs to.</summary>
    public int? TaskId { get; init; }

    /// <summary>Activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input (ExecutionStarted, TaskScheduled, SubOrchestrationCreated) or event payload (EventRaised), as JSON.</summary>
    public string? Input { get; init; }

    /// <summary>Result JSON (TaskCompleted, SubOrchestrationCompleted, ExecutionCompleted) or terminate reason.</summary>
    public string? Result { get; init; }

    /// <summary>Why a task, child or execution failed.</summary>
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>When a timer fires (TimerCreated, TimerFired).</summary>
    public DateTimeOffset? FireAt { get; init; }

    /// <summary>The child's instance id (SubOrchestrationCreated).</summary>
    public string? InstanceId { get; init; }

    /// <summary>The final status (ExecutionCompleted).</summary>
    public OrchestrationRuntimeStatus? Status { get; init; }

    /// <summary>The retry attempt of an activity (TaskScheduled), 1 for the first.</summary>
    public int? Attempt { get; init; }

    /// <summary>A short description for logs and error messages.</summary>
    public string Describe() => Kind switch
    {
        HistoryEventKind.TaskScheduled => $"CallActivity '{Name}'",
        HistoryEventKind.TimerCreated => "CreateTimer",
        HistoryEventKind.SubOrchestrationCreated => $"CallSubOrchestrator '{Name}'",
        _ => Name is null ? Kind.ToString() : $"{Kind} '{Name}'",
    };
}
