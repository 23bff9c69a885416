using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace RetailSync.Messaging;

/// <summary>Wires the Azure Storage events queue.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageEventQueue"/> as <see cref="IEventQueue"/> and <see cref="IEventQueueReceiver"/>
    /// (unless something registered those first) from the <c>Storage</c> and <c>Queues</c> sections.
    /// A connection string (<c>Storage:ConnectionString</c> or <c>RETAILSYNC_STORAGE_CONNECTION_STRING</c>) wins;
    /// otherwise <c>Storage:QueueServiceUri</c>/<c>Storage:BlobServiceUri</c> with the registered <see cref="TokenCredential"/>.
    /// </summary>
    public static IServiceCollection AddRetailSyncMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound when first resolved, so configuration added after registration (tests, hosts) is seen.
        services.TryAddSingleton(_ => ReadStorageOptions(configuration));
        services.TryAddSingleton(_ => configuration.GetSection(EventQueueOptions.SectionName).Get<EventQueueOptions>() ?? new EventQueueOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => CreateQueueServiceClient(sp.GetRequiredService<StorageOptions>(), sp));
        services.TryAddSingleton(sp => CreateBlobServiceClient(sp.GetRequiredService<StorageOptions>(), sp));
        services.TryAddSingleton(sp => new StorageEventQueue(
            sp.GetRequiredService<QueueServiceClient>(),
            sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<EventQueueOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<StorageEventQueue>>()));
        services.TryAddSingleton<IEventQueue>(sp => sp.GetRequiredService<StorageEventQueue>());
        services.TryAddSingleton<IEventQueueReceiver>(sp => sp.GetRequiredService<StorageEventQueue>());
        return services;
    }

    private static StorageOptions ReadStorageOptions(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            var fromEnvironment = configuration[StorageOptions.ConnectionStringEnvironmentVariable]
                ?? Environment.GetEnvironmentVariable(StorageOptions.ConnectionStringEnvironmentVariable);
            storage = storage with { ConnectionString = fromEnvironment };
        }

        return storage;
    }

    private static QueueServiceClient CreateQueueServiceClient(StorageOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new QueueServiceClient(options.ConnectionString);
        }

        if (options.QueueServiceUri is not null && services.GetService<TokenCredential>() is { } credential)
        {
            return new QueueServiceClient(options.QueueServiceUri, credential);
        }

        throw MissingStorage();
    }

    private static BlobServiceClient CreateBlobServiceClient(StorageOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString);
        }

        if (options.BlobServiceUri is not null && services.GetService<TokenCredential>() is { } credential)
        {
            return new BlobServiceClient(options.BlobServiceUri, credential);
        }

        throw MissingStorage();
    }

    private static InvalidOperationException MissingStorage() => new(
        "No storage account is configured: set Storage:ConnectionString (or the environment variable " +
        $"{StorageOptions.ConnectionStringEnvironmentVariable}), or Storage:QueueServiceUri and Storage:BlobServiceUri with a TokenCredential registered.");
}
