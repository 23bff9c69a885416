using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RetailSync.Ingestion.Normalisation;
using RetailSync.Ingestion.Telemetry;
using RetailSync.Ingestion.Verification;
using RetailSync.Secrets;

namespace RetailSync.Ingestion;

/// <summary>Wires webhook ingestion: options, secret store, verifiers and normalisers per source, telemetry and the handler.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WebhookHandler"/> and everything it needs from the <c>Ingestion</c> and <c>Webhooks</c>
    /// sections. Secrets come from the registered <see cref="ISecretStore"/> (configuration unless a host registered
    /// another, e.g. Key Vault). Needs an <c>IEventQueue</c> (AddRetailSyncMessaging).
    /// </summary>
    public static IServiceCollection AddRetailSyncIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound when first resolved, so configuration added after registration (tests, hosts) is seen.
        services.TryAddSingleton(_ => configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>() ?? new IngestionOptions());
        services.TryAddSingleton(_ => configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>() ?? new WebhookOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecretStore>(_ => new ConfigurationSecretStore(configuration));
        services.TryAddSingleton<IngestionTelemetry>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookVerifier, ShopifyVerifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookVerifier, StripeVerifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookVerifier, LoopVerifier>());
        services.AddSingleton<IWebhookVerifier>(sp => new StandardWebhooksVerifier(
            WebhookSources.Warehouse, sp.GetRequiredService<ISecretStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<WebhookOptions>().Warehouse));
        services.AddSingleton<IWebhookVerifier>(sp => new StandardWebhooksVerifier(
            WebhookSources.Pos, sp.GetRequiredService<ISecretStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<WebhookOptions>().Pos));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookNormaliser, ShopifyNormaliser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookNormaliser, StripeNormaliser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookNormaliser, LoopNormaliser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookNormaliser, WarehouseNormaliser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookNormaliser, PosNormaliser>());

        services.TryAddSingleton<WebhookHandler>();
        return services;
    }
}
