namespace RetailSync.Workflows.Embedded.History;

/// <summary>The kinds of event in an instance's history (the same vocabulary as the Durable Task Framework).</summary>
public enum HistoryEventKind
{
    ExecutionStarted,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    EventRaised,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    ContinuedAsNew,
    ExecutionCompleted,
    ExecutionTerminated,
}
