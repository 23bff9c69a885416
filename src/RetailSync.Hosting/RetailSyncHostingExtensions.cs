using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RetailSync.Hosting;

/// <summary>
/// The one place RetailSync is wired. Both hosts (the local ASP.NET Core host and the Azure Functions
/// isolated worker) call <see cref="AddRetailSync"/>; each capability library contributes its own
/// <c>Add…</c> extension, composed here.
/// </summary>
public static class RetailSyncHostingExtensions
{
    /// <summary>Registers every RetailSync service from the host's configuration.</summary>
    public static IHostApplicationBuilder AddRetailSync(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Maps RetailSync's HTTP routes (webhooks, ops) under <c>/api</c>, as the Functions host does.</summary>
    public static IEndpointRouteBuilder MapRetailSync(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/health", () => Microsoft.AspNetCore.Http.Results.Ok(new { status = "ok" }));
        return endpoints;
    }
}
