using RetailSync.Workflows.Embedded.History;

namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>Everything stored for one instance, read in one go.</summary>
/// <param name="State">The state row; null when the instance was never created (its inbox may still hold events).</param>
/// <param name="History">The committed history of the current execution, in order.</param>
/// <param name="Inbox">Messages not yet consumed, in arrival order.</param>
/// <param name="Outbox">Side effects of committed or abandoned episodes not yet cleaned up.</param>
public sealed record InstanceSnapshot(
    InstanceState? State,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<InboxMessage> Inbox,
    IReadOnlyList<OutboxMessage> Outbox);
