using RetailSync.Workflows.Embedded.History;

namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>
/// A message waiting in an instance's inbox: an external event, an activity or timer result, a child's outcome,
/// a start or a terminate request. <see cref="Id"/> is deterministic for results so a redelivered result
/// overwrites itself instead of arriving twice.
/// </summary>
/// <param name="Id">Unique within the instance.</param>
/// <param name="Sequence">Arrival order (ticks of the sender's clock, made strictly increasing per process).</param>
/// <param name="Event">The history event the message becomes when consumed.</param>
/// <param name="ExecutionId">The execution the message is for; null for events that follow the instance across ContinueAsNew.</param>
public sealed record InboxMessage(string Id, long Sequence, HistoryEvent Event, string? ExecutionId);
