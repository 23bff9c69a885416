using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RetailSync.Ledgers.Audit;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Events;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Ledgers.Unrouted;

namespace RetailSync.Ledgers;

/// <summary>Registers the Table Storage ledgers.</summary>
public static class LedgerServiceCollectionExtensions
{
    /// <summary>Environment variable read when <c>Storage:ConnectionString</c> is not configured.</summary>
    public const string ConnectionStringVariable = "RETAILSYNC_STORAGE_CONNECTION_STRING";

    /// <summary>
    /// Adds the event, cross-reference, exception, unrouted and audit ledgers (singletons, thread-safe), bound to
    /// the <c>Ledgers</c> section. Uses a registered <see cref="TableServiceClient"/> when there is one, else
    /// one built from <c>Storage:ConnectionString</c> or <c>RETAILSYNC_STORAGE_CONNECTION_STRING</c>.
    /// </summary>
    public static IServiceCollection AddRetailSyncLedgers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LedgerOptions>()
            .Bind(configuration.GetSection(LedgerOptions.SectionName))
            .Validate(ValidateTableNames, "Ledgers: every table name must be 3-63 letters or digits and start with a letter.")
            .Validate(o => o.PayloadExcerptLength is >= 64 and <= 16384, "Ledgers:PayloadExcerptLength must be between 64 and 16384.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ =>
        {
            var connectionString = ResolveConnectionString(configuration)
                ?? throw new InvalidOperationException(
                    $"No storage connection: set Storage:ConnectionString or the {ConnectionStringVariable} environment variable.");
            return new TableServiceClient(connectionString);
        });
        services.TryAddSingleton(sp => new EventLedgerClient(Table(sp), Options(sp), Time(sp)));
        services.TryAddSingleton(sp => new CrossReferenceLedgerClient(Table(sp), Options(sp), Time(sp)));
        services.TryAddSingleton(sp => new ExceptionLedgerClient(Table(sp), Options(sp), Time(sp)));
        services.TryAddSingleton(sp => new UnroutedLedgerClient(Table(sp), Options(sp)));
        services.TryAddSingleton(sp => new AuditTrailClient(Table(sp), Options(sp)));
        return services;
    }

    /// <summary>The storage connection string from configuration or the environment, or null.</summary>
    public static string? ResolveConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Storage:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var fromEnvironment = configuration[ConnectionStringVariable] ?? Environment.GetEnvironmentVariable(ConnectionStringVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }

    private static TableServiceClient Table(IServiceProvider sp) => sp.GetRequiredService<TableServiceClient>();

    private static LedgerOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<LedgerOptions>>().Value;

    private static TimeProvider Time(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();

    private static bool ValidateTableNames(LedgerOptions options) =>
        options.TableNames().All(t => t.Value is { Length: >= 3 and <= 63 } name
                                      && char.IsAsciiLetter(name[0])
                                      && name.All(char.IsAsciiLetterOrDigit));
}
