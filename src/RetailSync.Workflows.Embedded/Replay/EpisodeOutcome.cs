using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.Embedded.Replay;

/// <summary>What one episode produced: history to append, the steps it scheduled, and the instance's new state.</summary>
internal sealed record EpisodeOutcome(
    IReadOnlyList<HistoryEvent> NewHistory,
    IReadOnlyList<HistoryEvent> NewActions,
    OrchestrationRuntimeStatus Status,
    string? Output,
    TaskFailureDetails? Failure,
    string? CustomStatus,
    string? ContinueAsNewInput,
    IReadOnlyList<HistoryEvent> CarryOverEvents,
    IReadOnlyList<HistoryEvent> UnconsumedEvents);
