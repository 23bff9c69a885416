using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.Embedded.Replay;
using RetailSync.Workflows.Embedded.Storage;
using RetailSync.Workflows.Embedded.Telemetry;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Registration;

namespace RetailSync.Workflows.Embedded.Runtime;

/// <summary>
/// Processes one instance: carries out the outbox of its last committed episode, then runs episodes while its
/// inbox has work: load, replay, commit (conditional on the state row's ETag), dispatch.
/// </summary>
internal sealed partial class EpisodeRunner(
    IWorkflowStore store,
    WorkflowRegistry registry,
    IServiceProvider services,
    MessageDispatcher dispatcher,
    EmbeddedWorkflowOptions options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private const int MaxRounds = 1000;
    private readonly ILogger _logger = loggerFactory.CreateLogger<EpisodeRunner>();

    public async Task RunAsync(string instanceId, CancellationToken cancellationToken)
    {
        var retryAfter = await RunRoundsAsync(instanceId, cancellationToken);
        if (retryAfter is { } delay)
        {
            throw new InstanceBusyException(instanceId, delay);
        }
    }

    /// <summary>Runs episodes until the inbox is settled; returns when to look again if recovery is not finished.</summary>
    private async Task<TimeSpan?> RunRoundsAsync(string instanceId, CancellationToken cancellationToken)
    {
        TimeSpan? retryAfter = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var snapshot = await store.LoadAsync(instanceId, cancellationToken);
            var state = snapshot.State;
            List<OutboxMessage> deferred = [];
            if (snapshot.Outbox.Count > 0)
            {
                (deferred, var wait) = await RecoverOutboxAsync(instanceId, snapshot, cancellationToken);
                retryAfter = wait;
            }

            if (state is null)
            {
                return retryAfter; // Not created yet: events raised early wait in its inbox.
            }

            if (state.IsTerminal)
            {
                await DropAsync(state, snapshot.Inbox, "the instance has finished", cancellationToken);
                return retryAfter;
            }

            var (consume, drop) = SelectMessages(state, snapshot);
            if (consume.Count == 0)
            {
                if (drop.Count > 0)
                {
                    await DropAsync(state, drop, "it is stale or a duplicate", cancellationToken);
                }

                return retryAfter;
            }

            var start = Stopwatch.GetTimestamp();
            using var span = WorkflowTelemetry.ActivitySource.StartActivity("workflow.episode");
            span?.SetTag("workflow.name", state.Name);
            span?.SetTag("workflow.instance_id", instanceId);
            var commit = BuildCommit(state, snapshot.History, consume, drop, deferred);
            if (!await store.TryCommitAsync(commit, cancellationToken))
            {
                LogConflict(instanceId);
                span?.SetTag("workflow.conflict", true);
                continue;
            }

            WorkflowTelemetry.Episodes.Add(1);
            if (commit.NewState.Status == OrchestrationRuntimeStatus.Failed)
            {
                WorkflowTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("kind", "instance"));
                LogFailed(instanceId, state.Name, commit.NewState.Failure?.ErrorMessage);
            }

            span?.SetTag("workflow.status", commit.NewState.Status.ToString());
            await dispatcher.DispatchAsync(instanceId, commit.Outbox.Where(o => deferred.All(d => d.Id != o.Id)).ToList(), cancellationToken);
            WorkflowTelemetry.EpisodeDuration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            var more = snapshot.Inbox.Count > consume.Count + drop.Count || commit.NewInbox.Count > 0;
            if (!more)
            {
                return retryAfter;
            }
        }

        throw new InvalidOperationException($"Instance '{instanceId}' did not settle after {MaxRounds} episodes.");
    }

    private (List<InboxMessage> Consume, List<InboxMessage> Drop) SelectMessages(InstanceState state, InstanceSnapshot snapshot)
    {
        var scheduled = new HashSet<int>();
        var completed = new HashSet<int>();
        foreach (var e in snapshot.History)
        {
            switch (e.Kind)
            {
                case HistoryEventKind.TaskScheduled or HistoryEventKind.TimerCreated or HistoryEventKind.SubOrchestrationCreated:
                    scheduled.Add(e.TaskId!.Value);
                    break;
                case HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed or HistoryEventKind.TimerFired
                    or HistoryEventKind.SubOrchestrationCompleted or HistoryEventKind.SubOrchestrationFailed:
                    completed.Add(e.TaskId!.Value);
                    break;
                default:
                    break;
            }
        }

        var started = snapshot.History.Count > 0;
        var consume = new List<InboxMessage>();
        var drop = new List<InboxMessage>();
        var startMessage = started ? null : snapshot.Inbox.FirstOrDefault(m => m.Event.Kind == HistoryEventKind.ExecutionStarted && m.ExecutionId == state.ExecutionId);
        if (!started && startMessage is null)
        {
            // Not started yet (a delayed start): only a terminate request can be acted on.
            var terminate = snapshot.Inbox.FirstOrDefault(m => m.Event.Kind == HistoryEventKind.ExecutionTerminated);
            return terminate is null ? ([], []) : ([terminate], []);
        }

        if (startMessage is not null)
        {
            consume.Add(startMessage);
        }

        foreach (var m in snapshot.Inbox)
        {
            if (m == startMessage)
            {
                continue;
            }

            if (consume.Count >= options.MaxMessagesPerEpisode)
            {
                break;
            }

            var e = m.Event;
            var valid = e.Kind switch
            {
                HistoryEventKind.EventRaised or HistoryEventKind.ExecutionTerminated => true,
                HistoryEventKind.ExecutionStarted => false,
                _ => m.ExecutionId == state.ExecutionId && e.TaskId is int id && scheduled.Contains(id) && completed.Add(id),
            };
            (valid ? consume : drop).Add(m);
        }

        return (consume, drop);
    }

    /// <summary>
    /// Carries out what is left of the outbox of the last committed episode after its worker stopped (rows are
    /// deleted one by one as their side effects happen, so what is left never happened). Activities whose
    /// result is already known are skipped.
    /// </summary>
    private async Task<(List<OutboxMessage> Deferred, TimeSpan? RetryAfter)> RecoverOutboxAsync(string instanceId, InstanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var state = snapshot.State;
        var now = timeProvider.GetUtcNow();
        var committed = snapshot.Outbox.Where(o => state is not null && o.EpisodeId == state.LastEpisodeId).ToList();
        var stale = snapshot.Outbox.Except(committed).ToList();
        var youngest = committed.Select(o => o.CommittedAt ?? state!.LastUpdatedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        if (now - youngest < options.OutboxRecoveryDelay)
        {
            // The worker that committed them is probably still carrying them out (in another process).
            throw new InstanceBusyException(instanceId, options.OutboxRecoveryDelay - (now - youngest));
        }

        var answered = snapshot.History
            .Where(e => e.TaskId is not null && e.Kind is not (HistoryEventKind.TaskScheduled or HistoryEventKind.TimerCreated or HistoryEventKind.SubOrchestrationCreated))
            .Select(e => e.TaskId!.Value)
            .Concat(snapshot.Inbox.Where(m => m.ExecutionId == state?.ExecutionId && m.Event.TaskId is not null).Select(m => m.Event.TaskId!.Value))
            .ToHashSet();
        var done = committed.Where(o => o.Kind == OutboxKind.ActivityWorkItem && answered.Contains(o.WorkItem!.TaskId)).ToList();
        var missing = committed.Except(done).ToList();
        if (missing.Count > 0)
        {
            LogRecovered(instanceId, missing.Count);
        }

        await dispatcher.DispatchAsync(instanceId, missing, cancellationToken);
        var obsolete = done.Concat(stale).Select(o => o.Id).ToList();
        if (obsolete.Count > 0)
        {
            await store.DeleteOutboxAsync(instanceId, obsolete, cancellationToken);
        }

        return ([], null);
    }

    private InstanceCommit BuildCommit(InstanceState state, IReadOnlyList<HistoryEvent> history, List<InboxMessage> consume, List<InboxMessage> drop, List<OutboxMessage> pendingOutbox)
    {
        var now = timeProvider.GetUtcNow();
        var episodeId = Guid.NewGuid().ToString("N");
        var newEvents = new List<HistoryEvent> { new(HistoryEventKind.OrchestratorStarted, now) };
        var terminating = consume.Any(m => m.Event.Kind == HistoryEventKind.ExecutionTerminated);
        newEvents.AddRange(consume
            .Where(m => !(terminating && history.Count == 0 && m.Event.Kind == HistoryEventKind.ExecutionStarted))
            .Select(m => m.Event));

        var outcome = Execute(state, history, newEvents);
        foreach (var unconsumed in outcome.Status == OrchestrationRuntimeStatus.ContinuedAsNew ? [] : outcome.UnconsumedEvents)
        {
            LogDroppedEvent(state.InstanceId, unconsumed.Name, outcome.Status);
        }

        var newState = state with
        {
            Status = outcome.Status == OrchestrationRuntimeStatus.ContinuedAsNew ? OrchestrationRuntimeStatus.Running : outcome.Status,
            LastUpdatedAt = now,
            Output = outcome.Output,
            Failure = outcome.Failure,
            CustomStatus = outcome.CustomStatus,
            HistoryCount = history.Count + outcome.NewHistory.Count,
            LastEpisodeId = episodeId,
        };
        var outbox = new List<OutboxMessage>();
        var newInbox = new List<InboxMessage>();
        var historyStart = history.Count;
        IReadOnlyList<HistoryEvent> newHistory = outcome.NewHistory;

        foreach (var action in outcome.NewActions)
        {
            outbox.Add(ToOutbox(state, episodeId, action) with { CommittedAt = now });
        }

        // Side effects of an interrupted episode that are not yet due for recovery stay pending under this episode.
        outbox.AddRange(pendingOutbox.Select(o => o with { EpisodeId = episodeId }));

        if (outcome.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            var executionId = Guid.NewGuid().ToString("N");
            newState = newState with { ExecutionId = executionId, Input = outcome.ContinueAsNewInput, Output = null, HistoryCount = 0 };
            newHistory = [];
            historyStart = 0;
            newInbox.Add(new InboxMessage("start-" + executionId, long.MinValue,
                new HistoryEvent(HistoryEventKind.ExecutionStarted, now) { Name = state.Name, Input = outcome.ContinueAsNewInput }, executionId));
            var order = long.MinValue + 1;
            foreach (var carried in outcome.CarryOverEvents)
            {
                newInbox.Add(new InboxMessage(string.Create(CultureInfo.InvariantCulture, $"carry-{executionId}-{order - long.MinValue:D6}"), order++, carried, null));
            }
        }

        if (newState.IsTerminal && state.ParentInstanceId is { } parent)
        {
            var kind = newState.Status == OrchestrationRuntimeStatus.Completed ? HistoryEventKind.SubOrchestrationCompleted : HistoryEventKind.SubOrchestrationFailed;
            var failure = newState.Status == OrchestrationRuntimeStatus.Terminated
                ? new TaskFailureDetails(typeof(OperationCanceledException).FullName!, $"Sub-orchestration '{state.InstanceId}' was terminated.")
                : newState.Failure;
            outbox.Add(new OutboxMessage("parent", episodeId, OutboxKind.InstanceMessage, parent)
            {
                CommittedAt = now,
                Message = new InboxMessage(
                    string.Create(CultureInfo.InvariantCulture, $"{state.ParentExecutionId}-s{state.ParentTaskId}"),
                    InboxSequence.Next(timeProvider),
                    new HistoryEvent(kind, now) { TaskId = state.ParentTaskId, Result = newState.Output, Failure = kind == HistoryEventKind.SubOrchestrationFailed ? failure : null },
                    state.ParentExecutionId),
            });
        }

        return new InstanceCommit(state, newState, historyStart, newHistory,
            consume.Concat(drop).Select(m => m.Id).ToList(), newInbox, outbox);
    }

    private EpisodeOutcome Execute(InstanceState state, IReadOnlyList<HistoryEvent> history, List<HistoryEvent> newEvents)
    {
        if (!registry.TryGetOrchestrator(state.Name, out var registration))
        {
            return Failed(newEvents, state, new TaskFailureDetails(typeof(InvalidOperationException).FullName!,
                $"No workflow named '{state.Name}' is registered in this host."));
        }

        IOrchestrator orchestrator;
        try
        {
            orchestrator = (IOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(services, registration.ImplementationType);
        }
        catch (InvalidOperationException ex)
        {
            return Failed(newEvents, state, TaskFailureDetails.FromException(ex));
        }

        var context = new EmbeddedOrchestrationContext(state.Name, state.InstanceId, orchestrator, state.CustomStatus, loggerFactory);
        return context.Run(history, newEvents);
    }

    private EpisodeOutcome Failed(List<HistoryEvent> newEvents, InstanceState state, TaskFailureDetails failure)
    {
        var events = newEvents.ToList();
        events.Add(new HistoryEvent(HistoryEventKind.ExecutionCompleted, timeProvider.GetUtcNow()) { Status = OrchestrationRuntimeStatus.Failed, Failure = failure });
        return new EpisodeOutcome(events, [], OrchestrationRuntimeStatus.Failed, null, failure, state.CustomStatus, null, [], []);
    }

    private static OutboxMessage ToOutbox(InstanceState state, string episodeId, HistoryEvent action)
    {
        var taskId = action.TaskId!.Value;
        var exec = state.ExecutionId;
        return action.Kind switch
        {
            HistoryEventKind.TaskScheduled => new OutboxMessage(Id("a", exec, taskId), episodeId, OutboxKind.ActivityWorkItem, state.InstanceId)
            {
                WorkItem = new ActivityWorkItem(state.InstanceId, exec, taskId, action.Name!, action.Input, action.Attempt ?? 1),
            },
            HistoryEventKind.TimerCreated => new OutboxMessage(Id("t", exec, taskId), episodeId, OutboxKind.DelayedMessage, state.InstanceId)
            {
                DeliverAt = action.FireAt,
                Message = new InboxMessage(Id("t", exec, taskId), action.FireAt!.Value.UtcTicks,
                    new HistoryEvent(HistoryEventKind.TimerFired, action.FireAt.Value) { TaskId = taskId, FireAt = action.FireAt }, exec),
            },
            HistoryEventKind.SubOrchestrationCreated => new OutboxMessage(Id("c", exec, taskId), episodeId, OutboxKind.CreateInstance, action.InstanceId!)
            {
                NewInstance = new InstanceState
                {
                    InstanceId = action.InstanceId!,
                    Name = action.Name!,
                    ExecutionId = Guid.NewGuid().ToString("N"),
                    Status = OrchestrationRuntimeStatus.Pending,
                    CreatedAt = action.Timestamp,
                    LastUpdatedAt = action.Timestamp,
                    Input = action.Input,
                    ParentInstanceId = state.InstanceId,
                    ParentExecutionId = exec,
                    ParentTaskId = taskId,
                },
            },
            _ => throw new InvalidOperationException($"{action.Kind} is not an action."),
        };
    }

    private static string Id(string kind, string executionId, int taskId)
        => string.Create(CultureInfo.InvariantCulture, $"{executionId}-{kind}{taskId}");

    private async Task DropAsync(InstanceState state, IReadOnlyList<InboxMessage> messages, string reason, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        foreach (var m in messages)
        {
            LogDropped(state.InstanceId, m.Event.Kind, m.Event.Name, reason);
        }

        await store.DeleteInboxAsync(state.InstanceId, messages.Select(m => m.Id).ToList(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: carrying out {Count} side effects of an interrupted episode")]
    private partial void LogRecovered(string instanceId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} changed under this worker; replaying again")]
    private partial void LogConflict(string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowName} instance {InstanceId} failed: {Reason}")]
    private partial void LogFailed(string instanceId, string workflowName, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: {Kind} message {MessageName} not delivered because {Reason}")]
    private partial void LogDropped(string instanceId, HistoryEventKind kind, string? messageName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} ended ({Status}) with external event {EventName} never awaited; it is discarded")]
    private partial void LogDroppedEvent(string instanceId, string? eventName, OrchestrationRuntimeStatus status);
}
