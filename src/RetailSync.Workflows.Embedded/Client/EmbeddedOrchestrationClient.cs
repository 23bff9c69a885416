using System.Text.Json;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Runtime;
using RetailSync.Workflows.Embedded.Storage;

namespace RetailSync.Workflows.Embedded.Client;

/// <summary>
/// <see cref="OrchestrationClient"/> over an <see cref="IWorkflowStore"/>. Works from any process that shares the
/// store (it needs no running runtime of its own). Thread-safe.
/// </summary>
public class EmbeddedOrchestrationClient : OrchestrationClient
{
    private const int MaxInstanceIdLength = 256;
    private readonly IWorkflowStore _store = null!;
    private readonly TimeProvider _timeProvider = null!;

    public EmbeddedOrchestrationClient(IWorkflowStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>For mocking.</summary>
    protected EmbeddedOrchestrationClient()
    {
    }

    public override async Task<ScheduleResult> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var now = _timeProvider.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var inputJson = input is null ? null : JsonSerializer.Serialize(input, input.GetType(), WorkflowJson.Options);
        var state = new InstanceState
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            ExecutionId = executionId,
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = inputJson,
            LastEpisodeId = "create",
        };
        var start = new InboxMessage("start-" + executionId, long.MinValue,
            new HistoryEvent(HistoryEventKind.ExecutionStarted, now) { Name = orchestratorName, Input = inputJson }, executionId);
        var delayed = options?.StartAt is { } startAt && startAt > now;
        IReadOnlyList<InboxMessage> inbox = delayed ? [] : [start];
        IReadOnlyList<OutboxMessage> outbox = delayed
            ? [new OutboxMessage("start", "create", OutboxKind.DelayedMessage, instanceId) { DeliverAt = options!.StartAt, Message = start, CommittedAt = DateTimeOffset.MinValue }]
            : [];

        var created = await _store.TryCreateAsync(state, inbox, outbox, cancellationToken);
        if (created || (await _store.GetStateAsync(instanceId, cancellationToken))?.Status == OrchestrationRuntimeStatus.Pending)
        {
            // Also for an existing pending instance: its creator may have died before waking it.
            await _store.ControlQueue.SendAsync(instanceId, cancellationToken);
        }

        return new ScheduleResult(instanceId, created);
    }

    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var payload = eventPayload is null ? null : JsonSerializer.Serialize(eventPayload, eventPayload.GetType(), WorkflowJson.Options);
        var message = new InboxMessage(Guid.NewGuid().ToString("N"), InboxSequence.Next(_timeProvider),
            new HistoryEvent(HistoryEventKind.EventRaised, _timeProvider.GetUtcNow()) { Name = eventName, Input = payload }, null);
        await _store.AppendInboxAsync(instanceId, message, cancellationToken);
        await _store.ControlQueue.SendAsync(instanceId, cancellationToken);
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        var state = await _store.GetStateAsync(instanceId, cancellationToken);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        var page = await _store.QueryAsync(query, cancellationToken);
        return new OrchestrationQueryResult(page.Instances.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList(), page.ContinuationToken);
    }

    public override async Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        var state = await _store.GetStateAsync(instanceId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no workflow instance '{instanceId}' to terminate.");
        if (state.IsTerminal)
        {
            return;
        }

        var message = new InboxMessage(Guid.NewGuid().ToString("N"), InboxSequence.Next(_timeProvider),
            new HistoryEvent(HistoryEventKind.ExecutionTerminated, _timeProvider.GetUtcNow())
            {
                Result = reason is null ? null : JsonSerializer.Serialize(reason, WorkflowJson.Options),
            }, null);
        await _store.AppendInboxAsync(instanceId, message, cancellationToken);
        await _store.ControlQueue.SendAsync(instanceId, cancellationToken);
    }

    public override Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        return _store.PurgeAsync(instanceId, cancellationToken);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var state = await _store.GetStateAsync(instanceId, cancellationToken)
                ?? throw new InvalidOperationException($"There is no workflow instance '{instanceId}' to wait for.");
            if (state.IsTerminal)
            {
                return ToMetadata(state, getInputsAndOutputs);
            }

            // Polling back-off (I/O pacing in real time, independent of workflow time).
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks));
        }
    }

    private static OrchestrationMetadata ToMetadata(InstanceState state, bool withData) => new(
        state.Name,
        state.InstanceId,
        state.Status,
        state.CreatedAt,
        state.LastUpdatedAt,
        withData ? state.Input : null,
        withData ? state.Output : null,
        state.CustomStatus,
        state.Failure);

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > MaxInstanceIdLength || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException($"An instance id has at most {MaxInstanceIdLength} characters and no control characters.", nameof(instanceId));
        }
    }
}
