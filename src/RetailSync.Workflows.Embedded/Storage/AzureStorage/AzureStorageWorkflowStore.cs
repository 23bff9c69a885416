using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Telemetry;

namespace RetailSync.Workflows.Embedded.Storage.AzureStorage;

/// <summary>
/// <see cref="IWorkflowStore"/> on Azure Storage (or Azurite). Table <c>{hub}Instances</c> holds one partition
/// per instance: the state row <c>s</c>, history rows <c>h|{execution}|{seq}</c>, inbox rows <c>i|{id}</c> and
/// outbox rows <c>o|{id}</c>, so an episode commits in one entity-group transaction guarded by the state row's
/// ETag. Table <c>{hub}Timers</c> holds durable timers keyed by due time; queues <c>{hub}-control</c> and
/// <c>{hub}-workitems</c> carry wake-ups and activity work items.
/// </summary>
public sealed class AzureStorageWorkflowStore : IWorkflowStore
{
    private const int MaxBatch = 100;
    private const int MaxBatchBytes = 3_500_000;
    private const string TimerPartition = "t";
    private readonly TableClient _instances;
    private readonly TableClient _timers;
    private readonly AzureStorageWorkQueue _control;
    private readonly AzureStorageWorkQueue _workItems;
    private readonly Lock _initLock = new();
    private Task? _initialization;

    public AzureStorageWorkflowStore(string connectionString, string taskHub, TimeSpan maxPollingInterval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ValidateTaskHub(taskHub);
        var tables = new TableServiceClient(connectionString);
        var queues = new QueueServiceClient(connectionString);
        _instances = tables.GetTableClient(taskHub + "Instances");
        _timers = tables.GetTableClient(taskHub + "Timers");
        var queuePrefix = taskHub.ToLowerInvariant();
        _control = new AzureStorageWorkQueue(queues.GetQueueClient(queuePrefix + "-control"), maxPollingInterval);
        _workItems = new AzureStorageWorkQueue(queues.GetQueueClient(queuePrefix + "-workitems"), maxPollingInterval);
    }

    public IWorkQueue ControlQueue => _control;

    public IWorkQueue WorkItemQueue => _workItems;

    /// <summary>Checks a task hub name: letters and digits, starting with a letter, 3 to 45 characters.</summary>
    public static void ValidateTaskHub(string taskHub)
    {
        if (string.IsNullOrEmpty(taskHub) || taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Task hub '{taskHub}' must be 3 to 45 letters or digits, starting with a letter.", nameof(taskHub));
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        lock (_initLock)
        {
            // One creation attempt at a time; a failed attempt is retried by the next caller.
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = CreateResourcesAsync(cancellationToken);
            }

            return _initialization;
        }
    }

    private async Task CreateResourcesAsync(CancellationToken cancellationToken)
    {
        await _instances.CreateIfNotExistsAsync(cancellationToken);
        await _timers.CreateIfNotExistsAsync(cancellationToken);
        await _control.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _workItems.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<InstanceSnapshot> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var pk = TableKeys.Escape(instanceId);
        var entities = await WorkflowTelemetry.MeasureAsync("table.load", async () =>
        {
            var list = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk}");
            await foreach (var e in _instances.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                list.Add(e);
            }

            return list;
        });

        InstanceState? state = null;
        var history = new SortedList<string, HistoryEvent>(StringComparer.Ordinal);
        var inbox = new List<InboxMessage>();
        var outbox = new List<OutboxMessage>();
        var historyRows = new List<TableEntity>();
        foreach (var e in entities)
        {
            if (e.RowKey == TableKeys.StateRow)
            {
                state = ReadState(e);
            }
            else if (e.RowKey.StartsWith("h|", StringComparison.Ordinal))
            {
                historyRows.Add(e);
            }
            else if (e.RowKey.StartsWith("i|", StringComparison.Ordinal))
            {
                inbox.Add(Deserialize<InboxMessage>(e));
            }
            else if (e.RowKey.StartsWith("o|", StringComparison.Ordinal))
            {
                outbox.Add(Deserialize<OutboxMessage>(e));
            }
        }

        if (state is not null)
        {
            var prefix = TableKeys.HistoryPrefix(state.ExecutionId);
            var limit = TableKeys.History(state.ExecutionId, state.HistoryCount);
            foreach (var row in historyRows)
            {
                if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(row.RowKey, limit) < 0)
                {
                    history.Add(row.RowKey, Deserialize<HistoryEvent>(row));
                }
            }
        }

        inbox.Sort((a, b) => a.Sequence != b.Sequence ? a.Sequence.CompareTo(b.Sequence) : string.CompareOrdinal(a.Id, b.Id));
        return new InstanceSnapshot(state, history.Values.ToList(), inbox, outbox);
    }

    public async Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var response = await WorkflowTelemetry.MeasureAsync("table.get",
            () => _instances.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(instanceId), TableKeys.StateRow, cancellationToken: cancellationToken));
        return response.HasValue ? ReadState(response.Value!) : null;
    }

    public async Task<bool> TryCreateAsync(InstanceState state, IReadOnlyList<InboxMessage> inbox, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(outbox);
        await InitializeAsync(cancellationToken);
        var pk = TableKeys.Escape(state.InstanceId);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, StateEntity(pk, state)) };
        actions.AddRange(inbox.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, DataEntity(pk, TableKeys.Inbox(m.Id), m))));
        actions.AddRange(outbox.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, DataEntity(pk, TableKeys.Outbox(o.Id), o))));
        try
        {
            await WorkflowTelemetry.MeasureAsync("table.create", () => _instances.SubmitTransactionAsync(actions, cancellationToken));
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> TryCommitAsync(InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await InitializeAsync(cancellationToken);
        var pk = TableKeys.Escape(commit.NewState.InstanceId);
        var upserts = new List<TableEntity>();
        for (var i = 0; i < commit.NewHistory.Count; i++)
        {
            upserts.Add(DataEntity(pk, TableKeys.History(commit.NewState.ExecutionId, commit.HistoryStart + i), commit.NewHistory[i]));
        }

        upserts.AddRange(commit.NewInbox.Select(m => DataEntity(pk, TableKeys.Inbox(m.Id), m)));
        upserts.AddRange(commit.Outbox.Select(o => DataEntity(pk, TableKeys.Outbox(o.Id), o)));

        var final = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, StateEntity(pk, commit.NewState), new ETag(commit.PreviousState.ETag!)),
        };
        final.AddRange(commit.ConsumedInboxIds.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, TableKeys.Inbox(id)), ETag.All)));

        // Rows that do not fit in the final transaction are written first. They are invisible until the state
        // row commits (history beyond HistoryCount is ignored; outbox rows of another episode are discarded).
        var finalBytes = final.Sum(a => EntityData.EstimateSize((TableEntity)a.Entity));
        var early = new List<TableEntity>();
        foreach (var entity in upserts)
        {
            var size = EntityData.EstimateSize(entity);
            if (final.Count < MaxBatch && finalBytes + size < MaxBatchBytes)
            {
                final.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                finalBytes += size;
            }
            else
            {
                early.Add(entity);
            }
        }

        foreach (var batch in Batches(early))
        {
            await WorkflowTelemetry.MeasureAsync("table.commit", () => _instances.SubmitTransactionAsync(batch, cancellationToken));
        }

        try
        {
            await WorkflowTelemetry.MeasureAsync("table.commit", () => _instances.SubmitTransactionAsync(final, cancellationToken));
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            return false;
        }

        if (commit.NewState.ExecutionId != commit.PreviousState.ExecutionId)
        {
            await DeleteExecutionHistoryAsync(pk, commit.PreviousState.ExecutionId, cancellationToken);
        }

        return true;
    }

    public async Task AppendInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await InitializeAsync(cancellationToken);
        var entity = DataEntity(TableKeys.Escape(instanceId), TableKeys.Inbox(message.Id), message);
        await WorkflowTelemetry.MeasureAsync("table.inbox", () => _instances.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }

    public Task DeleteInboxAsync(string instanceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        return DeleteRowsAsync(TableKeys.Escape(instanceId), messageIds.Select(TableKeys.Inbox).ToList(), cancellationToken);
    }

    public Task DeleteOutboxAsync(string instanceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        return DeleteRowsAsync(TableKeys.Escape(instanceId), messageIds.Select(TableKeys.Outbox).ToList(), cancellationToken);
    }

    public async Task<InstanceQueryPage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken);
        var clauses = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {TableKeys.StateRow}") };
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = TableKeys.Escape(query.InstanceIdPrefix);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {TableKeys.PrefixUpperBound(prefix)}"));
        }

        if (query.CreatedFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {to}"));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        var filter = string.Join(" and ", clauses);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        return await WorkflowTelemetry.MeasureAsync("table.query", async () =>
        {
            await foreach (var page in _instances.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken)
                               .AsPages(query.ContinuationToken, pageSize))
            {
                var states = page.Values.Select(ReadState).Where(s => InstanceQueryFilter.Matches(query, s)).ToList();
                return new InstanceQueryPage(states, page.ContinuationToken);
            }

            return new InstanceQueryPage([], null);
        });
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var state = await GetStateAsync(instanceId, cancellationToken);
        if (state is not { IsTerminal: true })
        {
            return false;
        }

        var pk = TableKeys.Escape(instanceId);
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk}");
        await foreach (var e in _instances.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (e.RowKey != TableKeys.StateRow)
            {
                keys.Add(e.RowKey);
            }
        }

        // The state row goes last, so an interrupted purge can be repeated.
        await DeleteRowsAsync(pk, keys, cancellationToken);
        await WorkflowTelemetry.MeasureAsync("table.delete", () => _instances.DeleteEntityAsync(pk, TableKeys.StateRow, ETag.All, cancellationToken));
        return true;
    }

    public async Task AddTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await InitializeAsync(cancellationToken);
        var entity = DataEntity(TimerPartition, TableKeys.Timer(timer), timer);
        await WorkflowTelemetry.MeasureAsync("table.timer", () => _timers.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<IReadOnlyList<TimerRecord>> GetDueTimersAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var upper = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TimerPartition} and RowKey lt {upper}");
        return await WorkflowTelemetry.MeasureAsync("table.timers", async () =>
        {
            await foreach (var page in _timers.QueryAsync<TableEntity>(filter, maxCount, cancellationToken: cancellationToken).AsPages(pageSizeHint: maxCount))
            {
                return (IReadOnlyList<TimerRecord>)page.Values.Select(Deserialize<TimerRecord>).ToList();
            }

            return [];
        });
    }

    public async Task DeleteTimerAsync(TimerRecord timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await WorkflowTelemetry.MeasureAsync("table.timer",
            () => _timers.DeleteEntityAsync(TimerPartition, TableKeys.Timer(timer), ETag.All, cancellationToken));
    }

    private async Task DeleteExecutionHistoryAsync(string pk, string executionId, CancellationToken cancellationToken)
    {
        var prefix = TableKeys.HistoryPrefix(executionId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {prefix} and RowKey lt {TableKeys.PrefixUpperBound(prefix)}");
        var keys = new List<string>();
        await foreach (var e in _instances.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(e.RowKey);
        }

        await DeleteRowsAsync(pk, keys, cancellationToken);
    }

    private async Task DeleteRowsAsync(string pk, List<string> rowKeys, CancellationToken cancellationToken)
    {
        if (rowKeys.Count == 0)
        {
            return;
        }

        await InitializeAsync(cancellationToken);
        foreach (var chunk in rowKeys.Chunk(MaxBatch))
        {
            var actions = chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, rk), ETag.All)).ToList();
            try
            {
                await WorkflowTelemetry.MeasureAsync("table.delete", () => _instances.SubmitTransactionAsync(actions, cancellationToken));
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Someone deleted one of them already; delete the rest one by one (a missing row is not an error).
                foreach (var rk in chunk)
                {
                    await WorkflowTelemetry.MeasureAsync("table.delete", () => _instances.DeleteEntityAsync(pk, rk, ETag.All, cancellationToken));
                }
            }
        }
    }

    private static IEnumerable<List<TableTransactionAction>> Batches(List<TableEntity> entities)
    {
        var batch = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var entity in entities)
        {
            var size = EntityData.EstimateSize(entity);
            if (batch.Count > 0 && (batch.Count == MaxBatch || bytes + size >= MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static TableEntity StateEntity(string pk, InstanceState state)
    {
        var entity = new TableEntity(pk, TableKeys.StateRow)
        {
            ["InstanceId"] = state.InstanceId,
            ["Name"] = state.Name,
            ["Status"] = state.Status.ToString(),
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
        };
        EntityData.Write(entity, JsonSerializer.Serialize(state with { ETag = null }, WorkflowJson.Options));
        return entity;
    }

    private static InstanceState ReadState(TableEntity entity)
        => JsonSerializer.Deserialize<InstanceState>(EntityData.Read(entity), WorkflowJson.Options)! with { ETag = entity.ETag.ToString() };

    private static TableEntity DataEntity<T>(string pk, string rk, T value)
    {
        var entity = new TableEntity(pk, rk);
        EntityData.Write(entity, JsonSerializer.Serialize(value, WorkflowJson.Options));
        return entity;
    }

    private static T Deserialize<T>(TableEntity entity)
        => JsonSerializer.Deserialize<T>(EntityData.Read(entity), WorkflowJson.Options)
            ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} holds no {typeof(T).Name}.");
}
