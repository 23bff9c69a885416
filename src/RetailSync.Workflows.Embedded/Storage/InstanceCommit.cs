using RetailSync.Workflows.Embedded.History;

namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>
/// The result of one episode, written atomically: the new state row (replacing the row whose ETag is
/// <see cref="InstanceState.ETag"/> of <see cref="PreviousState"/>), history appended from <see cref="HistoryStart"/>,
/// consumed inbox messages removed, new inbox messages (ContinueAsNew carry-over) and outbox messages added.
/// </summary>
public sealed record InstanceCommit(
    InstanceState PreviousState,
    InstanceState NewState,
    int HistoryStart,
    IReadOnlyList<HistoryEvent> NewHistory,
    IReadOnlyList<string> ConsumedInboxIds,
    IReadOnlyList<InboxMessage> NewInbox,
    IReadOnlyList<OutboxMessage> Outbox);
