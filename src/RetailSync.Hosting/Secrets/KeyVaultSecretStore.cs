using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailSync.Secrets;

namespace RetailSync.Hosting.Secrets;

/// <summary>
/// Secrets from Azure Key Vault. A configuration-path name maps to a Key Vault secret name by the usual
/// convention (<c>:</c> becomes <c>--</c>, any other character Key Vault does not allow becomes <c>-</c>):
/// <c>Webhooks:Shopify:Shops:acme.myshopify.com:Secrets</c> is <c>Webhooks--Shopify--Shops--acme-myshopify-com--Secrets</c>.
/// A value may hold several secrets separated by whitespace or commas (rotation). Values are cached for
/// <see cref="CacheDuration"/>; when Key Vault cannot be reached the last known values keep serving.
/// </summary>
public sealed class KeyVaultSecretStore : ISecretStore
{
    /// <summary>How long a value is served from memory before Key Vault is asked again.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(5);

    private static readonly char[] Separators = [' ', ',', '\n', '\r', '\t'];
    private readonly SecretClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<string> Values, DateTimeOffset FetchedAt)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public KeyVaultSecretStore(SecretClient client, TimeProvider timeProvider, ILogger<KeyVaultSecretStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The Key Vault secret name of a configuration-path name.</summary>
    public static string ToSecretName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name.Replace(":", "--", StringComparison.Ordinal))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-');
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetSecretsAsync(string name, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(name, out var cached) && now - cached.FetchedAt < CacheDuration)
        {
            return cached.Values;
        }

        try
        {
            var secret = await _client.GetSecretAsync(ToSecretName(name), cancellationToken: cancellationToken);
            IReadOnlyList<string> values = (secret.Value.Value ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _cache[name] = (values, now);
            return values;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            _cache[name] = ([], now);
            return [];
        }
        catch (RequestFailedException ex) when (cached.Values is not null)
        {
            _logger.LogWarning(ex, "Key Vault unavailable for secret {SecretName}; serving the value fetched at {FetchedAt}", ToSecretName(name), cached.FetchedAt);
            return cached.Values;
        }
    }
}
