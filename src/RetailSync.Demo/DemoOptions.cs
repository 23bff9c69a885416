using System.Globalization;

namespace RetailSync.Demo;

/// <summary>
/// Command line of the demo: <c>--orders N</c> (the trading day's size, default 200), <c>--odoo-version 17|18|19</c>
/// (the embedded sandbox's behaviour), <c>--seed</c> (against a real Odoo: create the day's catalogue if missing),
/// <c>--settle-timeout SECONDS</c> (how long to wait for every workflow to settle, default 600), <c>--odoo-faults</c>
/// (the sandbox loses 5% of replies after committing and answers 3% of calls with 503: a flaky Odoo).
/// </summary>
public sealed record DemoOptions
{
    public int Orders { get; init; } = 200;

    public int OdooVersion { get; init; } = 17;

    public bool Seed { get; init; }

    public bool OdooFaults { get; init; }

    /// <summary>Settings laid over the trading day's host (tests give each run its own task hub, tables and queue).</summary>
    public IReadOnlyDictionary<string, string?> HostSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The local host's port: 7071 when free (like the Functions host), 0 for any free port.</summary>
    public int Port { get; init; } = DemoHost.PreferredPort;

    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public static bool TryParse(IReadOnlyList<string> args, out DemoOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new DemoOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--seed":
                    options = options with { Seed = true };
                    break;
                case "--odoo-faults":
                    options = options with { OdooFaults = true };
                    break;
                case "--orders" when Positive(args, ++i, out var orders):
                    options = options with { Orders = orders };
                    break;
                case "--odoo-version" when Positive(args, ++i, out var version) && version is >= 17 and <= 19:
                    options = options with { OdooVersion = version };
                    break;
                case "--settle-timeout" when Positive(args, ++i, out var seconds):
                    options = options with { SettleTimeout = TimeSpan.FromSeconds(seconds) };
                    break;
                default:
                    error = $"Unknown or incomplete argument '{args[Math.Min(i, args.Count - 1)]}'. Usage: demo [--orders N] [--odoo-version 17|18|19] [--odoo-faults] [--seed] [--settle-timeout SECONDS]";
                    return false;
            }
        }

        return true;
    }

    private static bool Positive(IReadOnlyList<string> args, int index, out int value)
    {
        value = 0;
        return index < args.Count && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }
}
