using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.Client;
using RetailSync.Workflows.Embedded.Runtime;
using RetailSync.Workflows.Embedded.Storage;
using RetailSync.Workflows.Embedded.Storage.AzureStorage;
using RetailSync.Workflows.Embedded.Storage.InMemory;
using RetailSync.Workflows.Registration;

namespace RetailSync.Workflows.Embedded.Hosting;

/// <summary>Wires the embedded workflow runtime into a host.</summary>
public static class EmbeddedWorkflowServiceCollectionExtensions
{
    /// <summary>The environment variable (also set by build.sh) that names the storage account.</summary>
    public const string ConnectionStringVariable = "RETAILSYNC_STORAGE_CONNECTION_STRING";

    /// <summary>
    /// Registers the runtime, its store, <see cref="OrchestrationClient"/>, the shared <see cref="WorkflowRegistry"/>
    /// (extended by <paramref name="configure"/>) and a hosted service that runs the dispatchers. Reads the
    /// <c>Workflows</c> section (<see cref="EmbeddedWorkflowOptions"/>) and the connection string from
    /// <c>Workflows:ConnectionString</c>, <c>Storage:ConnectionString</c> or <c>RETAILSYNC_STORAGE_CONNECTION_STRING</c>.
    /// </summary>
    public static IServiceCollection AddEmbeddedWorkflowRuntime(this IServiceCollection services, IConfiguration configuration, Action<WorkflowRegistry>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new EmbeddedWorkflowOptions();
        configuration.GetSection(EmbeddedWorkflowOptions.SectionName).Bind(options);
        options.ConnectionString ??= configuration["Storage:ConnectionString"]
            ?? configuration[ConnectionStringVariable]
            ?? Environment.GetEnvironmentVariable(ConnectionStringVariable);
        options.Validate();

        var registry = services.Select(d => d.ImplementationInstance).OfType<WorkflowRegistry>().FirstOrDefault();
        if (registry is null)
        {
            registry = new WorkflowRegistry();
            services.AddSingleton(registry);
        }

        configure?.Invoke(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IWorkflowStore>(sp => CreateStore(options, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new EmbeddedWorkflowRuntime(
            sp.GetRequiredService<IWorkflowStore>(),
            sp.GetRequiredService<WorkflowRegistry>(),
            sp,
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<OrchestrationClient>(sp => new EmbeddedOrchestrationClient(sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<EmbeddedWorkflowHostedService>();
        return services;
    }

    private static IWorkflowStore CreateStore(EmbeddedWorkflowOptions options, TimeProvider timeProvider) => options.Store switch
    {
        WorkflowStoreKind.InMemory => new InMemoryWorkflowStore(timeProvider),
        _ => new AzureStorageWorkflowStore(
            options.ConnectionString ?? throw new InvalidOperationException(
                $"The embedded workflow runtime needs a storage connection string: set Storage:ConnectionString or {ConnectionStringVariable}, or Workflows:Store=InMemory."),
            options.TaskHub,
            options.MaxQueuePollingInterval),
    };
}
