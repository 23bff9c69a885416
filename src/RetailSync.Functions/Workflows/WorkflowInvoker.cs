using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Registration;

namespace RetailSync.Functions.Workflows;

/// <summary>
/// The one line every orchestrator and activity function runs: find the registration by name in the
/// <see cref="WorkflowRegistry"/>, resolve the implementation the way the embedded runtime does, and run it over
/// the Durable context. An unregistered name throws: the function exists but the library no longer registers it.
/// </summary>
public sealed class WorkflowInvoker(WorkflowRegistry registry, IServiceProvider services)
{
    /// <summary>Trigger metadata the Durable extension gives an activity invocation: the calling instance.</summary>
    public const string InstanceIdBindingData = "instanceId";

    public async Task<object?> RunOrchestratorAsync<TInput>(string name, TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!registry.TryGetOrchestrator(name, out var registration))
        {
            throw new InvalidOperationException($"Orchestrator function '{name}' has no registered workflow.");
        }

        var orchestrator = (IOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(services, registration.ImplementationType);
        return await orchestrator.RunAsync(new DurableOrchestrationContextAdapter(context), context.GetInput<TInput>());
    }

    public async Task<object?> RunActivityAsync(string name, object? input, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!registry.TryGetActivity(name, out var registration))
        {
            throw new InvalidOperationException($"Activity function '{name}' has no registered activity.");
        }

        // Activities are resolved per call from the invocation's scope, as in the embedded runtime.
        var activity = (IActivity)ActivatorUtilities.GetServiceOrCreateInstance(context.InstanceServices, registration.ImplementationType);
        var instanceId = context.BindingContext.BindingData.TryGetValue(InstanceIdBindingData, out var value) ? value?.ToString() : null;
        // Durable does not tell an activity which attempt it is: Attempt stays 1.
        var activityContext = new ActivityContext(name, DurableInstanceId.Decode(instanceId ?? string.Empty));
        return await activity.RunAsync(activityContext, input, context.CancellationToken);
    }
}
