using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.Embedded.Storage;
using RetailSync.Workflows.Registration;

namespace RetailSync.Workflows.Embedded.Runtime;

/// <summary>
/// The embedded workflow runtime: an orchestration dispatcher (control queue), an activity dispatcher (work-item
/// queue, at most <see cref="EmbeddedWorkflowOptions.MaxActivitiesInFlight"/> at once) and a timer poller, all
/// over one <see cref="IWorkflowStore"/>. Several runtimes (processes) may share a store: the state row's ETag
/// keeps each episode to one winner. Start with <see cref="StartAsync"/>; stop with <see cref="StopAsync"/>.
/// </summary>
public sealed partial class EmbeddedWorkflowRuntime : IAsyncDisposable
{
    private readonly IWorkflowStore _store;
    private readonly EmbeddedWorkflowOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly MessageDispatcher _dispatcher;
    private readonly EpisodeRunner _episodes;
    private readonly ActivityRunner _activities;
    private readonly Dictionary<string, InstanceGate> _activeInstances = new(StringComparer.Ordinal);
    private readonly Lock _gateLock = new();
    private readonly Lock _timerLock = new();
    private readonly Lock _lifecycleLock = new();
    private CancellationTokenSource? _stopping;
    private Task? _loops;
    private TaskCompletionSource _timerSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _earliestTimer = DateTimeOffset.MaxValue;
    private int _activitiesInFlight;

    public EmbeddedWorkflowRuntime(
        IWorkflowStore store,
        WorkflowRegistry registry,
        IServiceProvider services,
        EmbeddedWorkflowOptions options,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        _store = store;
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<EmbeddedWorkflowRuntime>();
        _dispatcher = new MessageDispatcher(store, timeProvider, loggerFactory.CreateLogger<MessageDispatcher>());
        _dispatcher.TimerScheduled += OnTimerScheduled;
        _episodes = new EpisodeRunner(store, registry, services, _dispatcher, options, timeProvider, loggerFactory);
        _activities = new ActivityRunner(registry, services, timeProvider, loggerFactory.CreateLogger<ActivityRunner>());
    }

    /// <summary>Activities running in this process right now.</summary>
    public int ActivitiesInFlight => Volatile.Read(ref _activitiesInFlight);

    /// <summary>The most activities that ran at once in this process since it started.</summary>
    public int PeakActivitiesInFlight { get; private set; }

    /// <summary>Creates the store's tables and queues if needed and starts the dispatchers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _store.InitializeAsync(cancellationToken);
        lock (_lifecycleLock)
        {
            if (_loops is not null)
            {
                return;
            }

            _stopping = new CancellationTokenSource();
            var token = _stopping.Token;
            _loops = Task.WhenAll(
                Task.Run(() => QueueLoopAsync(_store.ControlQueue, _options.MaxOrchestrationsInFlight, _options.ControlQueueVisibilityTimeout, HandleControlMessageAsync, token), CancellationToken.None),
                Task.Run(() => QueueLoopAsync(_store.WorkItemQueue, _options.MaxActivitiesInFlight, _options.WorkItemVisibilityTimeout, HandleWorkItemAsync, token), CancellationToken.None),
                Task.Run(() => TimerLoopAsync(token), CancellationToken.None));
        }

        LogStarted(_options.TaskHub, _options.MaxActivitiesInFlight);
    }

    /// <summary>Stops receiving, lets episodes finish, interrupts activities (their work items become visible again).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? loops;
        lock (_lifecycleLock)
        {
            loops = _loops;
            if (loops is null)
            {
                return;
            }

            _stopping!.Cancel();
        }

        await loops.WaitAsync(cancellationToken);
        lock (_lifecycleLock)
        {
            // The host's StopAsync and the container's DisposeAsync may stop concurrently: only the caller
            // that still finds these loops current tears them down.
            if (ReferenceEquals(_loops, loops))
            {
                _stopping?.Dispose();
                _stopping = null;
                _loops = null;
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task QueueLoopAsync(IWorkQueue queue, int slots, TimeSpan visibility, Func<IWorkQueue, QueueMessage, TimeSpan, CancellationToken, Task> handle, CancellationToken stopping)
    {
        using var free = new SemaphoreSlim(slots, slots);
        var running = new HashSet<Task>();
        var runningLock = new Lock();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await free.WaitAsync(stopping);
                var take = 1;
                while (take < Math.Min(slots, 32) && free.Wait(0, CancellationToken.None))
                {
                    take++;
                }

                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await queue.ReceiveAsync(take, visibility, TimeSpan.FromSeconds(1), stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    free.Release(take);
                    LogLoopError(ex);
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stopping);
                    continue;
                }

                if (take > messages.Count)
                {
                    free.Release(take - messages.Count);
                }

                foreach (var message in messages)
                {
                    var task = Task.Run(async () =>
                    {
                        try
                        {
                            await handle(queue, message, visibility, stopping);
                        }
                        finally
                        {
                            free.Release();
                        }
                    }, CancellationToken.None);
                    lock (runningLock)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(t => { lock (runningLock) { running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }

        Task[] pending;
        lock (runningLock)
        {
            pending = [.. running];
        }

        await Task.WhenAll(pending);
    }

    private async Task HandleControlMessageAsync(IWorkQueue queue, QueueMessage message, TimeSpan visibility, CancellationToken stopping)
    {
        var instanceId = message.Body;
        try
        {
            if (await ProcessInstanceAsync(instanceId, stopping))
            {
                await queue.DeleteAsync(message, CancellationToken.None);
            }
            else
            {
                await SafeAsync(() => queue.AbandonAsync(message, CancellationToken.None));
            }
        }
        catch (InstanceBusyException busy)
        {
            await SafeAsync(() => queue.RenewAsync(message, busy.RetryAfter < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : busy.RetryAfter, CancellationToken.None));
        }
        catch (Exception ex)
        {
            if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                LogPoisonWakeUp(ex, instanceId, message.DequeueCount);
                await SafeAsync(() => queue.DeleteAsync(message, CancellationToken.None));
            }
            else
            {
                // The wake-up reappears after its visibility timeout and the instance is retried.
                LogEpisodeError(ex, instanceId, message.DequeueCount);
            }
        }
    }

    /// <summary>
    /// Runs the instance's episodes on this thread, or hands the work to the worker already on it (one thread per
    /// instance). Returns false when stopping left work behind (the caller keeps its wake-up for later).
    /// </summary>
    private async Task<bool> ProcessInstanceAsync(string instanceId, CancellationToken stopping)
    {
        InstanceGate gate;
        lock (_gateLock)
        {
            if (_activeInstances.TryGetValue(instanceId, out var active))
            {
                active.RunAgain = true;
                return true;
            }

            gate = new InstanceGate();
            _activeInstances[instanceId] = gate;
        }

        try
        {
            while (true)
            {
                await _episodes.RunAsync(instanceId, CancellationToken.None);
                lock (_gateLock)
                {
                    if (!gate.RunAgain)
                    {
                        _activeInstances.Remove(instanceId);
                        return true;
                    }

                    if (stopping.IsCancellationRequested)
                    {
                        _activeInstances.Remove(instanceId);
                        return false;
                    }

                    gate.RunAgain = false;
                }
            }
        }
        catch
        {
            lock (_gateLock)
            {
                _activeInstances.Remove(instanceId);
            }

            throw;
        }
    }

    private async Task HandleWorkItemAsync(IWorkQueue queue, QueueMessage message, TimeSpan visibility, CancellationToken stopping)
    {
        Storage.ActivityWorkItem? item;
        try
        {
            item = JsonSerializer.Deserialize<Storage.ActivityWorkItem>(message.Body, WorkflowJson.Options);
        }
        catch (JsonException ex)
        {
            LogBadWorkItem(ex, message.Id);
            item = null;
        }

        if (item is null)
        {
            await SafeAsync(() => queue.DeleteAsync(message, CancellationToken.None));
            return;
        }

        if (message.DequeueCount > 1 && await IsAlreadyAnsweredAsync(item))
        {
            // A redelivered work item whose result is already recorded: completed work is not repeated. The
            // instance is woken in case the crash came before its result was consumed.
            try
            {
                await _store.ControlQueue.SendAsync(item.InstanceId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogLoopError(ex);
                return; // The work item comes back and this is tried again.
            }

            await SafeAsync(() => queue.DeleteAsync(message, CancellationToken.None));
            return;
        }

        var inFlight = Interlocked.Increment(ref _activitiesInFlight);
        lock (_lifecycleLock)
        {
            PeakActivitiesInFlight = Math.Max(PeakActivitiesInFlight, inFlight);
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var current = message;
        var renewal = Task.Run(async () =>
        {
            // Keep the work item hidden while the activity runs longer than its visibility timeout.
            try
            {
                while (true)
                {
                    await Task.Delay(visibility / 2, _timeProvider, renewing.Token);
                    current = await queue.RenewAsync(current, visibility, renewing.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Finished.
            }
            catch (Exception ex)
            {
                LogRenewFailed(ex, item.Name, item.InstanceId);
            }
        }, CancellationToken.None);

        try
        {
            var result = await _activities.RunAsync(item, message.DequeueCount, stopping);
            if (result is not null)
            {
                // Record the result, then run the instance's next episode right here (saving a wake-up's send,
                // receive and delete); if that cannot happen now, wake the instance through the control queue.
                // The work item goes only after that, so a crash in between re-runs the activity.
                await _store.AppendInboxAsync(item.InstanceId, result, CancellationToken.None);
                var settled = false;
                try
                {
                    settled = await ProcessInstanceAsync(item.InstanceId, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogHandOff(item.InstanceId, ex.GetType().Name);
                }

                if (!settled)
                {
                    await _store.ControlQueue.SendAsync(item.InstanceId, CancellationToken.None);
                }
            }

            await renewing.CancelAsync();
            await renewal;
            if (result is not null)
            {
                await queue.DeleteAsync(current, CancellationToken.None);
            }
            else
            {
                await SafeAsync(() => queue.AbandonAsync(current, CancellationToken.None));
            }
        }
        catch (Exception ex)
        {
            // Reporting the result failed: the work item reappears and the activity runs again.
            await renewing.CancelAsync();
            LogActivityReportFailed(ex, item.Name, item.InstanceId);
        }
        finally
        {
            Interlocked.Decrement(ref _activitiesInFlight);
        }
    }

    private async Task<bool> IsAlreadyAnsweredAsync(Storage.ActivityWorkItem item)
    {
        try
        {
            var snapshot = await _store.LoadAsync(item.InstanceId, CancellationToken.None);
            if (snapshot.State is null || snapshot.State.ExecutionId != item.ExecutionId || snapshot.State.IsTerminal)
            {
                return snapshot.State is not null;
            }

            return snapshot.History.Any(e => e.TaskId == item.TaskId && e.Kind is History.HistoryEventKind.TaskCompleted or History.HistoryEventKind.TaskFailed)
                || snapshot.Inbox.Any(m => m.ExecutionId == item.ExecutionId && m.Event.TaskId == item.TaskId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoopError(ex);
            return false;
        }
    }

    private async Task TimerLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Task signal;
            lock (_timerLock)
            {
                signal = _timerSignal.Task;
            }

            var fired = 0;
            try
            {
                var now = _timeProvider.GetUtcNow();
                lock (_timerLock)
                {
                    if (_earliestTimer <= now)
                    {
                        _earliestTimer = DateTimeOffset.MaxValue;
                    }
                }

                var due = await _store.GetDueTimersAsync(now, 100, stopping);
                foreach (var timer in due)
                {
                    await _dispatcher.DeliverAsync(timer.InstanceId, timer.Message, stopping);
                    await _store.DeleteTimerAsync(timer, stopping);
                    fired++;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopError(ex);
            }

            if (fired >= 100)
            {
                continue;
            }

            TimeSpan wait;
            lock (_timerLock)
            {
                var untilEarliest = _earliestTimer - _timeProvider.GetUtcNow();
                wait = untilEarliest < _options.TimerPollInterval ? untilEarliest : _options.TimerPollInterval;
            }

            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await Task.WhenAny(Task.Delay(wait, _timeProvider, stopping), signal);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnTimerScheduled(DateTimeOffset dueAt)
    {
        lock (_timerLock)
        {
            if (dueAt < _earliestTimer)
            {
                _earliestTimer = dueAt;
                var previous = _timerSignal;
                _timerSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                previous.TrySetResult();
            }
        }
    }

    private async Task SafeAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            LogLoopError(ex);
        }
    }

    private sealed class InstanceGate
    {
        public bool RunAgain { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded workflow runtime started (task hub {TaskHub}, {MaxActivities} activities in flight at most)")]
    private partial void LogStarted(string taskHub, int maxActivities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow runtime storage call failed; retrying")]
    private partial void LogLoopError(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing instance {InstanceId} failed (attempt {DequeueCount}); it is retried")]
    private partial void LogEpisodeError(Exception exception, string instanceId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing instance {InstanceId} failed {DequeueCount} times; its wake-up is dropped and the instance waits for its next message")]
    private partial void LogPoisonWakeUp(Exception exception, string instanceId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} could not continue in the activity worker ({Reason}); woken through the control queue")]
    private partial void LogHandOff(string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work item {MessageId} is not a valid activity work item; deleted")]
    private partial void LogBadWorkItem(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the lease of activity {ActivityName} of {InstanceId}; it may run again")]
    private partial void LogRenewFailed(Exception exception, string activityName, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the result of activity {ActivityName} of {InstanceId}; it runs again")]
    private partial void LogActivityReportFailed(Exception exception, string activityName, string instanceId);
}
