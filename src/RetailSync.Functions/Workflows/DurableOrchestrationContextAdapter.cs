using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using OrchestrationContext = RetailSync.Workflows.Orchestration.OrchestrationContext;
using SubOrchestrationOptions = RetailSync.Workflows.Orchestration.SubOrchestrationOptions;
using TaskOptions = RetailSync.Workflows.Orchestration.TaskOptions;

namespace RetailSync.Functions.Workflows;

/// <summary>
/// Runs a RetailSync workflow on Durable Functions: each member forwards to <see cref="TaskOrchestrationContext"/>.
/// Instance ids are translated (<see cref="DurableInstanceId"/>), and a failed activity or sub-orchestration
/// surfaces as RetailSync's <see cref="RetailSync.Workflows.Orchestration.TaskFailedException"/>.
/// </summary>
public sealed class DurableOrchestrationContextAdapter : OrchestrationContext
{
    private readonly TaskOrchestrationContext _inner;

    public DurableOrchestrationContextAdapter(TaskOrchestrationContext inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public override string Name => _inner.Name.Name;

    public override string InstanceId => DurableInstanceId.Decode(_inner.InstanceId);

    public override DateTime CurrentUtcDateTime => _inner.CurrentUtcDateTime;

    public override bool IsReplaying => _inner.IsReplaying;

    public override T? GetInput<T>() where T : default => _inner.GetInput<T>();

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
        => Translate(_inner.CallActivityAsync<TResult>(name, input, DurableMapping.ToDurable(options)));

    public override Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => Translate(_inner.CallActivityAsync(name, input, DurableMapping.ToDurable(options)));

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null)
        => Translate(_inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, DurableMapping.ToDurable(options)));

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
        => _inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
        => _inner.WaitForExternalEvent<T>(eventName, timeout);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
        => _inner.CreateTimer(fireAt, cancellationToken);

    public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => _inner.CreateTimer(delay, cancellationToken);

    public override Guid NewGuid() => _inner.NewGuid();

    public override void SetCustomStatus(object? customStatus) => _inner.SetCustomStatus(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
        => _inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override ILogger CreateReplaySafeLogger(string categoryName) => _inner.CreateReplaySafeLogger(categoryName);

    // Awaiting inside the orchestrator is replay-safe: the continuation runs on Durable's orchestration scheduler.
    private static async Task<TResult> Translate<TResult>(Task<TResult> task)
    {
        try
        {
            return await task;
        }
        catch (Microsoft.DurableTask.TaskFailedException exception)
        {
            throw DurableMapping.ToRetailSync(exception);
        }
    }

    private static async Task Translate(Task task)
    {
        try
        {
            await task;
        }
        catch (Microsoft.DurableTask.TaskFailedException exception)
        {
            throw DurableMapping.ToRetailSync(exception);
        }
    }
}
