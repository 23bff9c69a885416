using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RetailSync.Functions.Hosting;

/// <summary>
/// OpenTelemetry for the worker: RetailSync's own sources and meters, Polly's resilience meter, outgoing HTTP
/// (Odoo, channels), exported to Application Insights with Entra ID authentication when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
/// </summary>
public static class FunctionsTelemetryExtensions
{
    /// <summary>Connection setting the Functions platform and the exporter share.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IHostApplicationBuilder AddRetailSyncTelemetry(this IHostApplicationBuilder builder, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(credential);

        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource("RetailSync.*")
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter("RetailSync.*")
                .AddMeter("Polly")
                .AddHttpClientInstrumentation());

        var connectionString = builder.Configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            // Application Insights has local authentication disabled: the exporter signs in with the identity.
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        return builder;
    }
}
