using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RetailSync.Ops.Exceptions;
using RetailSync.Ops.Workflows;

namespace RetailSync.Ops;

/// <summary>Registers the ops handlers (the workflow client and the ledgers come from their own extensions).</summary>
public static class OpsServiceCollectionExtensions
{
    public static IServiceCollection AddRetailSyncOps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.TryAddSingleton<WorkflowOpsHandler>();
        services.TryAddSingleton<ExceptionOpsHandler>();
        return services;
    }
}
