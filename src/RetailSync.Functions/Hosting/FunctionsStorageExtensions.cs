using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RetailSync.Functions.Hosting;

/// <summary>
/// Identity-based Table Storage for the ledgers. The Ledgers library uses a registered
/// <see cref="TableServiceClient"/> when there is one and otherwise a connection string
/// (<c>Storage:ConnectionString</c>, Azurite locally); in Azure, where shared keys are off, this registers one
/// for <c>Storage:TableServiceUri</c> with the managed identity. Call it before <c>AddRetailSync</c>.
/// </summary>
public static class FunctionsStorageExtensions
{
    public const string TableServiceUriSetting = "Storage:TableServiceUri";

    public static IHostApplicationBuilder AddIdentityBasedTableStorage(this IHostApplicationBuilder builder, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(credential);

        var endpoint = builder.Configuration[TableServiceUriSetting];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            {
                throw new InvalidOperationException("Setting 'Storage__TableServiceUri' must be an absolute URL, e.g. https://<account>.table.core.windows.net/.");
            }

            builder.Services.TryAddSingleton(new TableServiceClient(uri, credential));
        }

        return builder;
    }
}
