using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using RetailSync.Odoo.Protocol;
using RetailSync.Odoo.Telemetry;

namespace RetailSync.Odoo;

/// <summary>Registers the Odoo client, its resilient HttpClient and the business operations.</summary>
public static class OdooServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="OdooClientOptions"/> from the section <c>Odoo</c> and registers <see cref="OdooClient"/>,
    /// <see cref="OdooSalesOperations"/>, <see cref="OdooStockOperations"/> and <see cref="OdooAccountingOperations"/>
    /// as singletons over a named HttpClient whose resilience handler retries replay-safe calls with jittered
    /// exponential backoff, breaks the circuit, bounds the calls in flight and times out each attempt.
    /// </summary>
    public static IServiceCollection AddOdooClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OdooClientOptions>().Bind(configuration.GetSection(OdooClientOptions.SectionName));
        return services.AddOdooClientCore();
    }

    /// <summary>As <see cref="AddOdooClient(IServiceCollection, IConfiguration)"/>, with options set in code.</summary>
    public static IServiceCollection AddOdooClient(this IServiceCollection services, Action<OdooClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OdooClientOptions>().Configure(configure);
        return services.AddOdooClientCore();
    }

    private static IServiceCollection AddOdooClientCore(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddMetrics();
        services.AddHttpClient(OdooClient.HttpClientName, (sp, http) =>
            {
                // Each attempt has its own timeout in the pipeline; the HttpClient's own limit must not cut it short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("odoo", static (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<OdooClientOptions>>().Value;
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<OdooClient>();
                ConfigurePipeline(builder, options, logger);
            });

        services.AddSingleton(sp =>
        {
            // The API key is read per call from the options monitor: Odoo keys expire (at most 3 months on 19),
            // and a key rotated in Key Vault reaches the client with the configuration reload, no restart.
            var monitor = sp.GetRequiredService<IOptionsMonitor<OdooClientOptions>>();
            return new OdooClient(
                monitor.CurrentValue,
                CreateHttpClientAccessor(sp.GetRequiredService<IHttpClientFactory>()),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILoggerFactory>(),
                () => monitor.CurrentValue.ApiKey);
        });
        services.AddSingleton(sp => new OdooSalesOperations(sp.GetRequiredService<OdooClient>()));
        services.AddSingleton(sp => new OdooStockOperations(sp.GetRequiredService<OdooClient>()));
        services.AddSingleton(sp => new OdooAccountingOperations(sp.GetRequiredService<OdooClient>()));


        return services;
    }

    private static Func<HttpClient> CreateHttpClientAccessor(IHttpClientFactory factory) =>
        () => factory.CreateClient(OdooClient.HttpClientName);

    /// <summary>
    /// Order, outermost first: retry (replay-safe calls only) -> circuit breaker -> concurrency limiter -> attempt timeout.
    /// The limiter sits inside the retry so a call waiting out its backoff holds no slot.
    /// </summary>
    internal static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, OdooClientOptions options, ILogger logger)
    {
        if (options.Retry.MaxRetryAttempts > 0)
        {
            var transient = new HttpRetryStrategyOptions().ShouldHandle;
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retry.MaxRetryAttempts,
                Delay = options.Retry.BaseDelay,
                MaxDelay = options.Retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A write whose reply was lost may have committed: only calls that change nothing are replayed here;
                // writes are retried by the business operation, which looks up before writing again.
                ShouldHandle = async args =>
                    args.Context.GetRequestMessage() is { } request
                    && request.Options.TryGetValue(OdooConnection.ReplaySafe, out var replaySafe) && replaySafe
                    && await transient(args),
                OnRetry = args =>
                {
                    OdooTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("level", "http"));
                    logger.LogWarning(
                        "Retrying a replay-safe Odoo call (attempt {Attempt}) after {Status}{Error}",
                        args.AttemptNumber + 2,
                        args.Outcome.Result?.StatusCode,
                        args.Outcome.Exception?.GetType().Name);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
            OnOpened = args =>
            {
                OdooTelemetry.CircuitTransitions.Add(1, new KeyValuePair<string, object?>("state", "opened"));
                logger.LogError("Odoo circuit opened for {BreakSeconds} s", args.BreakDuration.TotalSeconds);
                return default;
            },
            OnHalfOpened = _ =>
            {
                OdooTelemetry.CircuitTransitions.Add(1, new KeyValuePair<string, object?>("state", "half_opened"));
                return default;
            },
            OnClosed = _ =>
            {
                OdooTelemetry.CircuitTransitions.Add(1, new KeyValuePair<string, object?>("state", "closed"));
                logger.LogInformation("Odoo circuit closed");
                return default;
            },
        });

        builder.AddConcurrencyLimiter(options.MaxConcurrency, options.MaxQueuedCalls);
        builder.AddTimeout(options.Timeout);
    }
}
