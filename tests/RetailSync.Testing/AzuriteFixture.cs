using Xunit;

namespace RetailSync.Testing;

/// <summary>
/// xunit fixture: one Azurite per test collection. Tests that share it isolate themselves with
/// <see cref="UniqueName"/> for queues, tables and containers.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;
    private int _counter;

    public string ConnectionString => _instance?.ConnectionString
        ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>A storage-safe name (lower-case letters and digits, 3 to 63 characters) unique in this run.</summary>
    public string UniqueName(string prefix)
    {
        var clean = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        var suffix = Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + Guid.NewGuid().ToString("N")[..8];
        var name = clean + suffix;
        return name.Length > 63 ? name[..63] : name;
    }

    public async Task InitializeAsync() => _instance = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }
    }
}
