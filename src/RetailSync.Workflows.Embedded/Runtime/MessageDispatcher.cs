using System.Text.Json;
using Microsoft.Extensions.Logging;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Storage;

namespace RetailSync.Workflows.Embedded.Runtime;

/// <summary>
/// Carries out committed outbox messages and delivers inbox messages: every step is idempotent (deterministic
/// ids, upserts), so repeating one after a crash changes nothing but a possible extra activity run.
/// </summary>
internal sealed partial class MessageDispatcher(IWorkflowStore store, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Raised with the due time whenever a timer is persisted by this process.</summary>
    public event Action<DateTimeOffset>? TimerScheduled;

    /// <summary>Appends to the instance's inbox, then wakes it.</summary>
    public async Task DeliverAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        await store.AppendInboxAsync(instanceId, message, cancellationToken);
        await store.ControlQueue.SendAsync(instanceId, cancellationToken);
    }

    public async Task DispatchAsync(string instanceId, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        // Each row is removed as soon as its own side effect is done, so after a crash the rows left are
        // (but for that one-call window) exactly the side effects that never happened.
        await Task.WhenAll(outbox.Select(async o =>
        {
            await DispatchOneAsync(o, cancellationToken);
            await store.DeleteOutboxAsync(instanceId, [o.Id], cancellationToken);
        }));
    }

    private async Task DispatchOneAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        switch (message.Kind)
        {
            case OutboxKind.ActivityWorkItem:
                await store.WorkItemQueue.SendAsync(JsonSerializer.Serialize(message.WorkItem!, WorkflowJson.Options), cancellationToken);
                break;
            case OutboxKind.DelayedMessage:
                var at = message.DeliverAt ?? timeProvider.GetUtcNow();
                if (at <= timeProvider.GetUtcNow())
                {
                    await DeliverAsync(message.TargetInstanceId, message.Message!, cancellationToken);
                }
                else
                {
                    await store.AddTimerAsync(new TimerRecord(message.Id, at, message.TargetInstanceId, message.Message!), cancellationToken);
                    TimerScheduled?.Invoke(at);
                }

                break;
            case OutboxKind.InstanceMessage:
                await DeliverAsync(message.TargetInstanceId, message.Message!, cancellationToken);
                break;
            case OutboxKind.CreateInstance:
                await CreateChildAsync(message, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox kind {message.Kind}.");
        }
    }

    private async Task CreateChildAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var child = message.NewInstance!;
        var start = new InboxMessage("start-" + child.ExecutionId, long.MinValue,
            new HistoryEvent(HistoryEventKind.ExecutionStarted, child.CreatedAt) { Name = child.Name, Input = child.Input }, child.ExecutionId);
        if (!await store.TryCreateAsync(child, [start], [], cancellationToken))
        {
            var existing = await store.GetStateAsync(child.InstanceId, cancellationToken);
            if (existing is not null && (existing.ParentInstanceId != child.ParentInstanceId || existing.ParentExecutionId != child.ParentExecutionId))
            {
                LogChildIdInUse(child.InstanceId, child.ParentInstanceId);
                var failure = new Orchestration.TaskFailureDetails(typeof(InvalidOperationException).FullName!,
                    $"Sub-orchestration instance id '{child.InstanceId}' is already used by another instance.");
                var failed = new InboxMessage($"{child.ParentExecutionId}-s{child.ParentTaskId}", InboxSequence.Next(timeProvider),
                    new HistoryEvent(HistoryEventKind.SubOrchestrationFailed, timeProvider.GetUtcNow()) { TaskId = child.ParentTaskId, Failure = failure },
                    child.ParentExecutionId);
                await DeliverAsync(child.ParentInstanceId!, failed, cancellationToken);
                return;
            }
        }

        await store.ControlQueue.SendAsync(child.InstanceId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sub-orchestration id {ChildInstanceId} of {ParentInstanceId} is already in use; the call fails")]
    private partial void LogChildIdInUse(string childInstanceId, string? parentInstanceId);
}
