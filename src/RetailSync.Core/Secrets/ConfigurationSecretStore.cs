using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace RetailSync.Secrets;

/// <summary>
/// Secrets from <see cref="IConfiguration"/>: a name is either a single value (<c>Webhooks:Loop:Secrets = abc</c>)
/// or a list (<c>Webhooks:Loop:Secrets:0</c>, <c>:1</c>, ...). Values are cached until configuration reloads.
/// </summary>
public sealed class ConfigurationSecretStore : ISecretStore, IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDisposable _reloadRegistration;

    public ConfigurationSecretStore(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        _reloadRegistration = ChangeToken.OnChange(configuration.GetReloadToken, _cache.Clear);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetSecretsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return ValueTask.FromResult(_cache.GetOrAdd(name, Read));
    }

    /// <inheritdoc />
    public void Dispose() => _reloadRegistration.Dispose();

    private IReadOnlyList<string> Read(string name)
    {
        var section = _configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return [section.Value.Trim()];
        }

        return section.GetChildren()
            .Select(child => child.Value)
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .Select(value => value!.Trim())
            .ToArray();
    }
}
