using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailSync.Sandbox.Odoo.Models;
using RetailSync.Sandbox.Odoo.Orm;
using RetailSync.Sandbox.Odoo.Protocol;

namespace RetailSync.Sandbox.Odoo;

/// <summary>
/// Everything one sandbox Odoo holds: its seeded database, fault switches, inspector and call counters.
/// Host it with <see cref="OdooSandbox"/> or inside another app with
/// <see cref="OdooSandboxEndpointRouteBuilderExtensions.MapOdooSandbox"/>.
/// </summary>
public sealed class OdooSandboxState
{
    private readonly ConcurrentDictionary<string, long> _perMethod = new(StringComparer.Ordinal);
    private long _total;
    private long _abandoned;

    public OdooSandboxState(OdooSandboxOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Version is < 17 or > 19)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Version, "The sandbox behaves as Odoo 17, 18 or 19.");
        }

        Options = options;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("RetailSync.Sandbox.Odoo");
        var env = new OdooEnv(options.Version, options.TimeProvider);
        OdooModels.Register(env);
        SandboxSeeder.Seed(env, options);
        Dispatcher = new OdooDispatcher(env, options);
        Faults = new OdooFaults(options.Seed);
        Inspect = new OdooInspector(Dispatcher);
    }

    public OdooSandboxOptions Options { get; }

    public OdooFaults Faults { get; }

    public OdooInspector Inspect { get; }

    /// <summary>RPC calls received (JSON-RPC and JSON-2), faulted ones included: the client's round trips.</summary>
    public long CallCount => Interlocked.Read(ref _total);

    /// <summary>Calls per <c>model.method</c> (or <c>common.version</c>, <c>common.authenticate</c>).</summary>
    public IReadOnlyDictionary<string, long> CallCounts => new Dictionary<string, long>(_perMethod, StringComparer.Ordinal);

    /// <summary>Calls dropped unserved because the client went away while they were delayed (timeouts, latency).</summary>
    public long AbandonedCallCount => Interlocked.Read(ref _abandoned);

    internal OdooDispatcher Dispatcher { get; }

    internal ILogger Logger { get; }

    public long CallCountFor(string model, string method) => _perMethod.GetValueOrDefault($"{model}.{method}");

    public void ResetCallCounts()
    {
        _perMethod.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    internal void Abandoned() => Interlocked.Increment(ref _abandoned);

    internal void Count(string model, string method)
    {
        Interlocked.Increment(ref _total);
        _perMethod.AddOrUpdate($"{model}.{method}", 1, (_, n) => n + 1);
        SandboxTelemetry.Calls.Add(1, new KeyValuePair<string, object?>("odoo.model", model), new KeyValuePair<string, object?>("odoo.method", method));
    }
}
