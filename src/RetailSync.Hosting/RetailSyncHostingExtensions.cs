using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RetailSync.Dispatch;
using RetailSync.Hosting.Secrets;
using RetailSync.Ingestion;
using RetailSync.Messaging;
using RetailSync.Odoo;
using RetailSync.Ops;
using RetailSync.Payments;
using RetailSync.OrderToCash;
using RetailSync.ReturnToRefund;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Secrets;
using RetailSync.Telemetry;

namespace RetailSync.Hosting;

/// <summary>
/// The one place RetailSync is wired. Both hosts (the local ASP.NET Core host and the Azure Functions
/// isolated worker) call <see cref="AddRetailSync"/>; each capability library contributes its own
/// <c>Add…</c> extension, composed here.
/// </summary>
public static class RetailSyncHostingExtensions
{
    /// <summary>Key Vault URI; when set, secrets come from Key Vault with <see cref="DefaultAzureCredential"/>.</summary>
    public const string KeyVaultUriKey = "KeyVault:Uri";

    /// <summary>Application Insights connection string; when set, traces and metrics are exported there.</summary>
    public const string ApplicationInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Registers every RetailSync service from the host's configuration.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="host">Which host this is: decides whether the embedded runtime and the queue pump run.</param>
    public static IHostApplicationBuilder AddRetailSync(this IHostApplicationBuilder builder, RetailSyncHost host = RetailSyncHost.Local)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);

        if (Uri.TryCreate(configuration[KeyVaultUriKey], UriKind.Absolute, out var vault))
        {
            services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
            services.TryAddSingleton(sp => new SecretClient(vault, sp.GetRequiredService<TokenCredential>()));
            services.TryAddSingleton<ISecretStore, KeyVaultSecretStore>();
        }
        else if (!string.IsNullOrWhiteSpace(configuration["Storage:QueueServiceUri"]))
        {
            services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        }

        services.AddRetailSyncMessaging(configuration);
        services.AddRetailSyncIngestion(configuration);
        services.AddOdooClient(configuration);
        services.AddRetailSyncDispatch(configuration, hostsQueueConsumers: host == RetailSyncHost.Local);
        services.AddOrderToCash(configuration);
        services.AddReturnToRefund(configuration);
        services.AddRetailSyncOps(configuration);
        services.AddRetailSyncPayments(configuration);
        if (host == RetailSyncHost.Local)
        {
            // In Azure, Durable Functions runs the workflows.
            services.AddEmbeddedWorkflowRuntime(configuration);
        }

        AddTelemetry(builder);
        return builder;
    }

    /// <summary>Maps RetailSync's HTTP routes (webhooks, ops) under <c>/api</c>, as the Functions host does.</summary>
    public static IEndpointRouteBuilder MapRetailSync(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
        endpoints.MapPost("/api/webhooks/{source}", HandleWebhookAsync);
        endpoints.MapRetailSyncOps();
        return endpoints;
    }

    /// <summary>Adapts an ASP.NET Core request to <see cref="WebhookHandler"/> and writes its answer.</summary>
    public static async Task HandleWebhookAsync(string source, HttpContext context, WebhookHandler handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        var headers = new Dictionary<string, string>(context.Request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        var request = new WebhookRequest(source, headers, context.Request.ContentType, context.Request.Body, context.Request.ContentLength);
        var response = await handler.HandleAsync(request, context.RequestAborted);
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private static void AddTelemetry(IHostApplicationBuilder builder)
    {
        var appInsights = builder.Configuration[ApplicationInsightsKey];
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. RetailSyncTelemetry.All, "Microsoft.AspNetCore", "Azure.*"]);
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. RetailSyncTelemetry.All, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"]);
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                }
            });
    }
}
