using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RetailSync.Messaging;

namespace RetailSync.Functions.Messaging;

/// <summary>Wires <see cref="ServiceBusEventQueue"/> as the <see cref="IEventQueue"/> of the Functions host.</summary>
public static class ServiceBusEventQueueExtensions
{
    /// <summary>The Service Bus connection's namespace, the same setting the trigger's identity-based connection reads.</summary>
    public const string NamespaceSetting = "ServiceBusConnection:fullyQualifiedNamespace";

    /// <summary>Name of the events queue.</summary>
    public const string QueueSetting = "Queues:Events";

    /// <summary>
    /// Registers one <see cref="ServiceBusClient"/> (identity-based, AMQP over the namespace), one sender for the
    /// events queue, and <see cref="ServiceBusEventQueue"/> in place of any other <see cref="IEventQueue"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBusEventQueue(this IHostApplicationBuilder builder, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(credential);

        builder.Services.TryAddSingleton(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var fullyQualifiedNamespace = Required(configuration, NamespaceSetting);
            return new ServiceBusClient(fullyQualifiedNamespace, credential);
        });
        builder.Services.TryAddSingleton(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            return services.GetRequiredService<ServiceBusClient>().CreateSender(Required(configuration, QueueSetting));
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<IEventQueue>(services => new ServiceBusEventQueue(
            services.GetRequiredService<ServiceBusSender>(),
            services.GetRequiredService<ILogger<ServiceBusEventQueue>>())));
        return builder;
    }

    private static string Required(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"Setting '{key.Replace(":", "__", StringComparison.Ordinal)}' is required (see local.settings.sample.json).")
            : value;
    }
}
