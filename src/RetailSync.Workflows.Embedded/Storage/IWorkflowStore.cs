using RetailSync.Workflows.Client;

namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>
/// Where the embedded runtime keeps instances, history, inboxes, outboxes, timers and its two queues. Everything
/// of one instance lives together so an episode commits atomically (one Table Storage partition). Two
/// implementations: <see cref="AzureStorage.AzureStorageWorkflowStore"/> (Tables + Queues) and
/// <see cref="InMemory.InMemoryWorkflowStore"/> (unit tests).
/// </summary>
public interface IWorkflowStore
{
    /// <summary>Orchestration wake-ups: the body is the instance id.</summary>
    IWorkQueue ControlQueue { get; }

    /// <summary>Activity work items (JSON <see cref="ActivityWorkItem"/>).</summary>
    IWorkQueue WorkItemQueue { get; }

    /// <summary>Creates tables and queues when missing. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the state row, committed history, inbox and outbox of an instance.</summary>
    Task<InstanceSnapshot> LoadAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new instance with its first inbox and outbox messages; false (and no change) when it exists.</summary>
    Task<bool> TryCreateAsync(InstanceState state, IReadOnlyList<InboxMessage> inbox, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default);

    /// <summary>Commits an episode; false when the state row changed since it was read (another worker won).</summary>
    Task<bool> TryCommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Adds (or, for the same id, overwrites) an inbox message. Durable when it returns.</summary>
    Task AppendInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Removes inbox messages that can never be consumed (for a finished instance).</summary>
    Task DeleteInboxAsync(string instanceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default);

    Task DeleteOutboxAsync(string instanceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default);

    Task<InstanceQueryPage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes everything of a terminal instance; false when there is no such instance or it is not terminal.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Persists a timer (same id: overwrite).</summary>
    Task AddTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default);

    /// <summary>Timers due at <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<TimerRecord>> GetDueTimersAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default);

    Task DeleteTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default);
}
