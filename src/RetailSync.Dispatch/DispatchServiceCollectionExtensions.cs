using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailSync.Dispatch.Hosting;
using RetailSync.Ledgers;
using RetailSync.Ledgers.Audit;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Events;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Ledgers.Unrouted;
using RetailSync.Workflows.Client;

namespace RetailSync.Dispatch;

/// <summary>Registers the event dispatcher.</summary>
public static class DispatchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ledgers (<see cref="LedgerServiceCollectionExtensions.AddRetailSyncLedgers"/>), the
    /// <see cref="EventDispatcher"/> bound to the <c>Dispatch</c> section and, unless turned off
    /// (<c>Dispatch:PumpEnabled</c>, <c>Dispatch:SweepEnabled</c>), the local <see cref="EventQueuePump"/> and
    /// <see cref="UnroutedSweepService"/>. Needs an <see cref="OrchestrationClient"/> and, for the pump, an
    /// <c>IEventQueueReceiver</c> registered by their owners.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="hostsQueueConsumers">False where the host delivers and sweeps by itself (the Functions shell's
    /// Service Bus and timer triggers): then neither background service is registered, whatever the configuration says.</param>
    public static IServiceCollection AddRetailSyncDispatch(this IServiceCollection services, IConfiguration configuration, bool hostsQueueConsumers = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRetailSyncLedgers(configuration);
        services.AddMetrics();
        services.AddOptions<DispatchOptions>()
            .Bind(configuration.GetSection(DispatchOptions.SectionName))
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Dispatch:MaxAttempts must be between 1 and 100.")
            .Validate(o => o.Concurrency is >= 1 and <= 256, "Dispatch:Concurrency must be between 1 and 256.")
            .Validate(o => o.BatchSize is >= 1 and <= 32, "Dispatch:BatchSize must be between 1 and 32.")
            .Validate(o => o.ClaimLease > TimeSpan.Zero && o.VisibilityTimeout > TimeSpan.Zero && o.IdleDelay > TimeSpan.Zero
                           && o.SweepInterval > TimeSpan.Zero && o.UnroutedDeadline > TimeSpan.Zero,
                "Dispatch: every duration must be positive.")
            .Validate(o => o.RetryBaseDelay >= TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay, "Dispatch:RetryMaxDelay must be at least Dispatch:RetryBaseDelay.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.OrderWorkflow) && !string.IsNullOrWhiteSpace(o.ReturnWorkflow), "Dispatch:OrderWorkflow and Dispatch:ReturnWorkflow are required.")
            .Validate(o => o.Routes.Values.All(r => r.Target != RouteTarget.Subject || !string.IsNullOrWhiteSpace(r.Workflow)),
                "Dispatch:Routes: a route with Target=Subject needs a Workflow.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new EventDispatcher(
            sp.GetRequiredService<OrchestrationClient>(),
            sp.GetRequiredService<EventLedgerClient>(),
            sp.GetRequiredService<CrossReferenceLedgerClient>(),
            sp.GetRequiredService<ExceptionLedgerClient>(),
            sp.GetRequiredService<UnroutedLedgerClient>(),
            sp.GetRequiredService<AuditTrailClient>(),
            sp.GetRequiredService<IOptions<DispatchOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventDispatcher>>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

        var section = configuration.GetSection(DispatchOptions.SectionName);
        if (hostsQueueConsumers && section.GetValue(nameof(DispatchOptions.PumpEnabled), true))
        {
            services.AddHostedService<EventQueuePump>();
        }

        if (hostsQueueConsumers && section.GetValue(nameof(DispatchOptions.SweepEnabled), true))
        {
            services.AddHostedService<UnroutedSweepService>();
        }

        return services;
    }
}
