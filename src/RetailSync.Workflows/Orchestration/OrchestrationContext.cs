using Microsoft.Extensions.Logging;

namespace RetailSync.Workflows.Orchestration;

/// <summary>
/// What a workflow may do. Mirrors <c>Microsoft.DurableTask.TaskOrchestrationContext</c> member for member so
/// the Azure adapter is one line per member; the embedded runtime implements it with the same replay semantics.
/// </summary>
/// <remarks>
/// Orchestrator code is replayed: it must be deterministic. Read time from <see cref="CurrentUtcDateTime"/>,
/// make ids with <see cref="NewGuid"/>, wait with <see cref="CreateTimer(DateTime, CancellationToken)"/>,
/// and do all I/O in activities. The RetailSync.Workflows.Analyzers package enforces this at build time.
/// </remarks>
public abstract class OrchestrationContext
{
    /// <summary>The workflow's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>The instance id, e.g. <c>order:shopify:acme.myshopify.com/450789469</c>.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Replay-safe current time: the time this episode started, as recorded in history.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps whose results come from history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The instance's input, deserialised with System.Text.Json.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result; throws <see cref="TaskFailedException"/> when it fails for good.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity that returns nothing.</summary>
    public virtual Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object?>(name, input, options);

    /// <summary>Runs another workflow as a child and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>
    /// Waits for the next external event of this name. Events raised before anyone waited are buffered
    /// in arrival order and handed to waiters first-in first-out.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an external event for at most <paramref name="timeout"/>; throws <see cref="TaskCanceledException"/>
    /// when the durable timer fires first (as Durable Functions does).
    /// </summary>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var timerCancellation = new CancellationTokenSource();
        var eventTask = WaitForExternalEvent<T>(eventName, timerCancellation.Token);
        var timerTask = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCancellation.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);

        // Cancel synchronously: orchestrator code runs on one thread, and CancelAsync would run the
        // callbacks (which abandon the losing wait) on the thread pool, outside the replay.
#pragma warning disable CA1849 // Call async methods when in an async method
        timerCancellation.Cancel();
#pragma warning restore CA1849
        if (winner == eventTask)
        {
            return await eventTask;
        }

        throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}'.");
    }

    /// <summary>A durable timer: survives host restarts. Cancelling it abandons the wait (the timer is ignored when it fires).</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>A GUID that is the same on every replay (name-based, from the instance id and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>Publishes a JSON-serialisable status that the client and ops endpoints show.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the instance with new input and an empty history, keeping the instance id.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
