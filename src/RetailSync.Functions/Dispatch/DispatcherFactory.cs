using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Dispatch;
using RetailSync.Functions.Workflows;
using RetailSync.Workflows.Client;

namespace RetailSync.Functions.Dispatch;

/// <summary>
/// Builds an <see cref="EventDispatcher"/> over the invocation's <c>[DurableClient]</c>: Durable Functions hands a
/// client per invocation, so the dispatcher (otherwise a singleton over an <see cref="OrchestrationClient"/>) is
/// made per message with everything else from dependency injection.
/// </summary>
public sealed class DispatcherFactory(IServiceProvider services)
{
    private static readonly ObjectFactory<EventDispatcher> Factory = ActivatorUtilities.CreateFactory<EventDispatcher>([typeof(OrchestrationClient)]);

    public EventDispatcher Create(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Factory(services, [new DurableOrchestrationClientAdapter(client)]);
    }
}
