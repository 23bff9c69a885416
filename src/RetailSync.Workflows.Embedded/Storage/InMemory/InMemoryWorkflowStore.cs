using System.Globalization;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;

namespace RetailSync.Workflows.Embedded.Storage.InMemory;

/// <summary>
/// <see cref="IWorkflowStore"/> in process memory with the same contract as the Azure Storage one (atomic
/// commits, ETag conflicts, visibility timeouts), so unit tests run the real runtime fast. Thread-safe.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, TimerRecord> _timers = new(StringComparer.Ordinal);
    private long _version;

    public InMemoryWorkflowStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ControlQueue = new InMemoryWorkQueue(timeProvider);
        WorkItemQueue = new InMemoryWorkQueue(timeProvider);
    }

    public IWorkQueue ControlQueue { get; }

    public IWorkQueue WorkItemQueue { get; }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<InstanceSnapshot> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_partitions.TryGetValue(instanceId, out var p))
            {
                return Task.FromResult(new InstanceSnapshot(null, [], [], []));
            }

            IReadOnlyList<HistoryEvent> history = p.State is { } s && p.History.TryGetValue(s.ExecutionId, out var h)
                ? h.Take(s.HistoryCount).ToList()
                : [];
            var inbox = p.Inbox.Values.OrderBy(m => m.Sequence).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            return Task.FromResult(new InstanceSnapshot(p.State, history, inbox, p.Outbox.Values.ToList()));
        }
    }

    public Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_partitions.TryGetValue(instanceId, out var p) ? p.State : null);
        }
    }

    public Task<bool> TryCreateAsync(InstanceState state, IReadOnlyList<InboxMessage> inbox, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(outbox);
        lock (_lock)
        {
            var p = GetOrAdd(state.InstanceId);
            if (p.State is not null)
            {
                return Task.FromResult(false);
            }

            p.State = state with { ETag = NextETag() };
            foreach (var m in inbox)
            {
                p.Inbox[m.Id] = m;
            }

            foreach (var o in outbox)
            {
                p.Outbox[o.Id] = o;
            }

            return Task.FromResult(true);
        }
    }

    public Task<bool> TryCommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        lock (_lock)
        {
            if (!_partitions.TryGetValue(commit.PreviousState.InstanceId, out var p) || p.State?.ETag != commit.PreviousState.ETag)
            {
                return Task.FromResult(false);
            }

            var executionId = commit.NewState.ExecutionId;
            if (executionId != commit.PreviousState.ExecutionId)
            {
                p.History.Remove(commit.PreviousState.ExecutionId);
            }

            if (!p.History.TryGetValue(executionId, out var history))
            {
                history = [];
                p.History[executionId] = history;
            }

            if (history.Count > commit.HistoryStart)
            {
                history.RemoveRange(commit.HistoryStart, history.Count - commit.HistoryStart);
            }

            history.AddRange(commit.NewHistory);
            foreach (var id in commit.ConsumedInboxIds)
            {
                p.Inbox.Remove(id);
            }

            foreach (var m in commit.NewInbox)
            {
                p.Inbox[m.Id] = m;
            }

            foreach (var o in commit.Outbox)
            {
                p.Outbox[o.Id] = o;
            }

            p.State = commit.NewState with { ETag = NextETag() };
            return Task.FromResult(true);
        }
    }

    public Task AppendInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            GetOrAdd(instanceId).Inbox[message.Id] = message;
        }

        return Task.CompletedTask;
    }

    public Task DeleteInboxAsync(string instanceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        lock (_lock)
        {
            if (_partitions.TryGetValue(instanceId, out var p))
            {
                foreach (var id in messageIds)
                {
                    p.Inbox.Remove(id);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteOutboxAsync(string instanceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        lock (_lock)
        {
            if (_partitions.TryGetValue(instanceId, out var p))
            {
                foreach (var id in messageIds)
                {
                    p.Outbox.Remove(id);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<InstanceQueryPage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var matches = _partitions
                .Where(kv => kv.Value.State is not null)
                .Select(kv => kv.Value.State!)
                .Where(s => InstanceQueryFilter.Matches(query, s))
                .Where(s => query.ContinuationToken is null || string.CompareOrdinal(s.InstanceId, query.ContinuationToken) > 0)
                .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
                .Take(query.PageSize + 1)
                .ToList();
            var hasMore = matches.Count > query.PageSize;
            var page = matches.Take(query.PageSize).ToList();
            return Task.FromResult(new InstanceQueryPage(page, hasMore ? page[^1].InstanceId : null));
        }
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_partitions.TryGetValue(instanceId, out var p) || p.State is not { IsTerminal: true })
            {
                return Task.FromResult(false);
            }

            _partitions.Remove(instanceId);
            return Task.FromResult(true);
        }
    }

    public Task AddTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_lock)
        {
            _timers[TimerKey(timer)] = timer;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TimerRecord>> GetDueTimersAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<TimerRecord> due = _timers.Values.TakeWhile(t => t.FireAt <= now).Take(maxCount).ToList();
            return Task.FromResult(due);
        }
    }

    public Task DeleteTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_lock)
        {
            _timers.Remove(TimerKey(timer));
        }

        return Task.CompletedTask;
    }

    /// <summary>Timers not yet fired (for tests).</summary>
    public int PendingTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    private static string TimerKey(TimerRecord timer)
        => string.Create(CultureInfo.InvariantCulture, $"{timer.FireAt.UtcTicks:D19}|{timer.Id}");

    private string NextETag() => (++_version).ToString(CultureInfo.InvariantCulture);

    private Partition GetOrAdd(string instanceId)
    {
        if (!_partitions.TryGetValue(instanceId, out var p))
        {
            p = new Partition();
            _partitions[instanceId] = p;
        }

        return p;
    }

    private sealed class Partition
    {
        public InstanceState? State { get; set; }

        public Dictionary<string, List<HistoryEvent>> History { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, InboxMessage> Inbox { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, OutboxMessage> Outbox { get; } = new(StringComparer.Ordinal);
    }
}
