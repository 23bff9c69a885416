using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.Embedded.Replay;

/// <summary>
/// Runs one episode of an orchestrator: replays its committed history (completed steps come from history, nothing
/// runs twice), feeds it the new messages, checks every step the code takes against history (a mismatch fails the
/// instance with <see cref="NonDeterministicOrchestrationException"/>), and collects the new steps.
/// All orchestrator code runs on the calling thread through <see cref="OrchestrationSynchronizationContext"/>.
/// </summary>
internal sealed class EmbeddedOrchestrationContext : OrchestrationContext
{
    private readonly IOrchestrator _orchestrator;
    private readonly ILoggerFactory _loggerFactory;
    private readonly OrchestrationSynchronizationContext _syncContext = new();
    private readonly Dictionary<int, HistoryEvent> _pendingActions = [];
    private readonly List<HistoryEvent> _newActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _bufferedEvents = [];
    private readonly List<HistoryEvent> _newHistory = [];
    private string? _input;
    private int _nextTaskId = 1;
    private int _guidCounter;
    private int _threadId;
    private bool _isReplaying = true;
    private DateTime _currentUtc;
    private Task<object?>? _orchestratorTask;
    private bool _finished;
    private OrchestrationRuntimeStatus _status = OrchestrationRuntimeStatus.Running;
    private string? _output;
    private TaskFailureDetails? _failure;
    private string? _customStatus;
    private bool _continueAsNew;
    private string? _continueAsNewInput;
    private bool _preserveUnprocessedEvents;

    public EmbeddedOrchestrationContext(string name, string instanceId, IOrchestrator orchestrator, string? customStatus, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        _orchestrator = orchestrator;
        _customStatus = customStatus;
        _loggerFactory = loggerFactory;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => _currentUtc;

    public override bool IsReplaying => _isReplaying;

    /// <summary>Replays <paramref name="past"/>, applies <paramref name="newEvents"/> and returns what changed.</summary>
    public EpisodeOutcome Run(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents)
    {
        _threadId = Environment.CurrentManagedThreadId;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            foreach (var e in past)
            {
                Apply(e);
            }

            _isReplaying = false;
            foreach (var e in newEvents)
            {
                _newHistory.Add(e);
                Apply(e);
            }

            if (!_finished)
            {
                foreach (var action in _newActions)
                {
                    _newHistory.Add(action);
                }
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            Finish(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex));
            _newActions.Clear();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (_finished)
        {
            _newActions.Clear();
        }

        if (_finished)
        {
            _newHistory.Add(new HistoryEvent(HistoryEventKind.ExecutionCompleted, new DateTimeOffset(_currentUtc, TimeSpan.Zero))
            {
                Status = _status,
                Result = _output,
                Failure = _failure,
            });
        }

        var carryOver = _status == OrchestrationRuntimeStatus.ContinuedAsNew && _preserveUnprocessedEvents
            ? _bufferedEvents.ToList()
            : (IReadOnlyList<HistoryEvent>)[];
        return new EpisodeOutcome(_newHistory, _newActions, _status, _output, _failure, _customStatus, _continueAsNewInput, carryOver, _finished ? _bufferedEvents : []);
    }

    private void Apply(HistoryEvent e)
    {
        if (_finished)
        {
            if (e.Kind == HistoryEventKind.EventRaised)
            {
                _bufferedEvents.Add(e);
            }

            return;
        }

        switch (e.Kind)
        {
            case HistoryEventKind.ExecutionStarted:
                if (_currentUtc == default)
                {
                    _currentUtc = e.Timestamp.UtcDateTime;
                }

                _input = e.Input;
                Start();
                break;
            case HistoryEventKind.OrchestratorStarted:
                _currentUtc = e.Timestamp.UtcDateTime;
                break;
            case HistoryEventKind.TaskScheduled:
            case HistoryEventKind.TimerCreated:
            case HistoryEventKind.SubOrchestrationCreated:
                MatchAction(e);
                break;
            case HistoryEventKind.TaskCompleted:
            case HistoryEventKind.SubOrchestrationCompleted:
                Complete(e.TaskId, open => open.Source.TrySetResult(e.Result));
                break;
            case HistoryEventKind.TaskFailed:
            case HistoryEventKind.SubOrchestrationFailed:
                Complete(e.TaskId, open => open.Source.TrySetException(new TaskFailedException(
                    open.Name, open.TaskId, e.Failure ?? new TaskFailureDetails("Unknown", "The task failed without details."))));
                break;
            case HistoryEventKind.TimerFired:
                Complete(e.TaskId, open => open.Source.TrySetResult(null));
                break;
            case HistoryEventKind.EventRaised:
                DeliverEvent(e);
                break;
            case HistoryEventKind.ExecutionTerminated:
                Finish(OrchestrationRuntimeStatus.Terminated, e.Result, null);
                return;
            default:
                break;
        }

        _syncContext.RunPending();
        CheckCompletion();
    }

    private void Start()
    {
        object? input;
        try
        {
            input = _input is null ? null : JsonSerializer.Deserialize(_input, _orchestrator.InputType, WorkflowJson.Options);
        }
        catch (JsonException ex)
        {
            Finish(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(
                new ArgumentException($"The input of '{Name}' is not a valid {_orchestrator.InputType.Name}: {ex.Message}", ex)));
            return;
        }

        try
        {
            _orchestratorTask = _orchestrator.RunAsync(this, input);
        }
        catch (Exception ex) when (ex is not NonDeterministicOrchestrationException)
        {
            _orchestratorTask = Task.FromException<object?>(ex);
        }
    }

    private void MatchAction(HistoryEvent recorded)
    {
        var step = recorded.TaskId ?? 0;
        if (!_pendingActions.Remove(step, out var issued))
        {
            throw new NonDeterministicOrchestrationException(string.Create(CultureInfo.InvariantCulture,
                $"Non-deterministic workflow '{Name}' (instance '{InstanceId}'): history has {recorded.Describe()} at step {step} but the code did not schedule it."));
        }

        _newActions.Remove(issued);
        if (issued.Kind != recorded.Kind || !string.Equals(issued.Name, recorded.Name, StringComparison.Ordinal))
        {
            throw new NonDeterministicOrchestrationException(string.Create(CultureInfo.InvariantCulture,
                $"Non-deterministic workflow '{Name}' (instance '{InstanceId}'): expected {issued.Describe()} at step {step} but history has {recorded.Describe()}."));
        }
    }

    private void Complete(int? taskId, Action<OpenTask> complete)
    {
        if (taskId is int id && _openTasks.Remove(id, out var open))
        {
            complete(open);
        }
    }

    private void DeliverEvent(HistoryEvent e)
    {
        var name = e.Name ?? string.Empty;
        if (_eventWaiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(e.Input);
            return;
        }

        _bufferedEvents.Add(e);
    }

    private void CheckCompletion()
    {
        if (_finished || _orchestratorTask is null || !_orchestratorTask.IsCompleted)
        {
            return;
        }

        if (_orchestratorTask.IsCompletedSuccessfully)
        {
            if (_continueAsNew)
            {
                Finish(OrchestrationRuntimeStatus.ContinuedAsNew, null, null);
                return;
            }

            string output;
            try
            {
                output = JsonSerializer.Serialize(_orchestratorTask.Result, _orchestrator.OutputType, WorkflowJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                Finish(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex));
                return;
            }

            Finish(OrchestrationRuntimeStatus.Completed, output, null);
            return;
        }

        Exception error = _orchestratorTask.IsCanceled
            ? new TaskCanceledException("The workflow was cancelled.")
            : _orchestratorTask.Exception!.InnerExceptions.Count == 1 ? _orchestratorTask.Exception.InnerException! : _orchestratorTask.Exception;
        if (error is NonDeterministicOrchestrationException nonDeterminism)
        {
            throw nonDeterminism;
        }

        Finish(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error));
    }

    private void Finish(OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _status = status;
        _output = output;
        _failure = failure;
        foreach (var waiters in _eventWaiters.Values)
        {
            waiters.Clear();
        }
    }

    // ---- OrchestrationContext ----

    public override T? GetInput<T>() where T : default
    {
        EnsureOrchestratorThread();
        return _input is null ? default : JsonSerializer.Deserialize<T>(_input, WorkflowJson.Options);
    }

    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var inputJson = Serialize(input);
        var json = await WithRetries(options?.Retry, attempt => Schedule(HistoryEventKind.TaskScheduled, name, inputJson, null, attempt));
        return Deserialize<TResult>(json);
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var inputJson = Serialize(input);
        var json = await WithRetries(options?.Retry, attempt =>
        {
            var childId = options?.InstanceId ?? string.Create(CultureInfo.InvariantCulture, $"{InstanceId}:{_nextTaskId:D4}");
            if (attempt > 1)
            {
                childId = string.Create(CultureInfo.InvariantCulture, $"{childId}#{attempt}");
            }

            return Schedule(HistoryEventKind.SubOrchestrationCreated, orchestratorName, inputJson, childId, attempt);
        });
        return Deserialize<TResult>(json);
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        EnsureOrchestratorThread();
        var index = _bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _bufferedEvents[index];
            _bufferedEvents.RemoveAt(index);
            return Deserialize<T>(buffered.Input);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new LinkedList<TaskCompletionSource<string?>>();
            _eventWaiters[eventName] = waiters;
        }

        var node = waiters.AddLast(waiter);
        using var registration = cancellationToken.Register(() =>
        {
            if (node.List is not null)
            {
                waiters.Remove(node);
            }

            waiter.TrySetCanceled(cancellationToken);
        });
        var json = await waiter.Task;
        return Deserialize<T>(json);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOrchestratorThread();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var taskId = _nextTaskId++;
        var source = new TaskCompletionSource<string?>();
        AddAction(new HistoryEvent(HistoryEventKind.TimerCreated, Now) { TaskId = taskId, FireAt = new DateTimeOffset(utc, TimeSpan.Zero) });
        _openTasks[taskId] = new OpenTask(taskId, "CreateTimer", source);
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                _openTasks.Remove(taskId);
                source.TrySetCanceled(cancellationToken);
            });
            source.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return source.Task;
    }

    public override Guid NewGuid()
    {
        EnsureOrchestratorThread();
        var name = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{_currentUtc:o}_{_guidCounter++}");
        return DeterministicGuid.Create(name);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOrchestratorThread();
        _customStatus = customStatus is null ? null : JsonSerializer.Serialize(customStatus, customStatus.GetType(), WorkflowJson.Options);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        EnsureOrchestratorThread();
        _continueAsNew = true;
        _continueAsNewInput = Serialize(newInput);
        _preserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    // ---- helpers ----

    private DateTimeOffset Now => new(_currentUtc, TimeSpan.Zero);

    private Task<string?> Schedule(HistoryEventKind kind, string name, string? input, string? childInstanceId, int attempt)
    {
        EnsureOrchestratorThread();
        var taskId = _nextTaskId++;
        var source = new TaskCompletionSource<string?>();
        AddAction(new HistoryEvent(kind, Now) { TaskId = taskId, Name = name, Input = input, InstanceId = childInstanceId, Attempt = attempt });
        _openTasks[taskId] = new OpenTask(taskId, name, source);
        return source.Task;
    }

    private void AddAction(HistoryEvent action)
    {
        if (_finished)
        {
            return;
        }

        _pendingActions[action.TaskId!.Value] = action;
        _newActions.Add(action);
    }

    private async Task<string?> WithRetries(RetryPolicy? retry, Func<int, Task<string?>> attemptOnce)
    {
        if (retry is null)
        {
            return await attemptOnce(1);
        }

        var firstAttemptAt = _currentUtc;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await attemptOnce(attempt);
            }
            catch (TaskFailedException failure) when (ShouldRetry(retry, failure, attempt, firstAttemptAt))
            {
                // The wait between attempts is a durable timer: it is in history and survives restarts.
                await CreateTimer(_currentUtc + retry.GetDelay(attempt), CancellationToken.None);
            }
        }
    }

    private bool ShouldRetry(RetryPolicy retry, TaskFailedException failure, int attempt, DateTime firstAttemptAt)
    {
        if (attempt >= retry.MaxNumberOfAttempts)
        {
            return false;
        }

        if (retry.HandleFailure is { } handle && !handle(failure.FailureDetails))
        {
            return false;
        }

        return retry.RetryTimeout == Timeout.InfiniteTimeSpan
            || _currentUtc + retry.GetDelay(attempt) - firstAttemptAt <= retry.RetryTimeout;
    }

    private void EnsureOrchestratorThread()
    {
        if (Environment.CurrentManagedThreadId != _threadId)
        {
            throw new InvalidOperationException(
                $"Workflow '{Name}' used its OrchestrationContext from another thread. Orchestrator code must only await the context's tasks (no Task.Run, Task.Delay or ConfigureAwait(false)).");
        }
    }

    private static string? Serialize(object? value)
        => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), WorkflowJson.Options);

    private static T Deserialize<T>(string? json)
        => json is null ? default! : JsonSerializer.Deserialize<T>(json, WorkflowJson.Options)!;

    private sealed record OpenTask(int TaskId, string Name, TaskCompletionSource<string?> Source);
}
