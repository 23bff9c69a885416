namespace RetailSync.Workflows.Client;

/// <summary>
/// Starts, signals and inspects workflow instances. Mirrors <c>Microsoft.DurableTask.Client.DurableTaskClient</c>
/// so the Azure adapter is one line per member. Implementations are thread-safe.
/// </summary>
public abstract class OrchestrationClient
{
    /// <summary>
    /// Schedules a new instance with a caller-chosen id. Idempotent: when an instance with that id already
    /// exists (in any state but purged), nothing is created and the result says so.
    /// </summary>
    public abstract Task<ScheduleResult> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Durably records an external event for the instance. When this returns, the event is in the instance's
    /// inbox and will be delivered (to the first waiter of that name, in raise order).
    /// </summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one instance, or null when there is none.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Lists instances matching a query, one page at a time.</summary>
    public abstract Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Stops a running instance; it ends in <see cref="OrchestrationRuntimeStatus.Terminated"/>.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance's state and history. Returns false when there was nothing to purge.</summary>
    public abstract Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance reaches a terminal state (completed, failed, terminated).</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);
}
