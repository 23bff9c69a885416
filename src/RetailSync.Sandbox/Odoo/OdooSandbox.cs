using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace RetailSync.Sandbox.Odoo;

/// <summary>
/// A protocol-faithful stand-in for an Odoo 17, 18 or 19 server, hosted in-process on Kestrel at
/// <c>http://127.0.0.1:&lt;free port&gt;/</c>. It speaks <c>/jsonrpc</c> (and <c>/json/2</c> for 19) for the
/// models RetailSync uses, with fault injection and a read-only inspector for tests and demos.
/// </summary>
public sealed class OdooSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private OdooSandbox(WebApplication app, OdooSandboxState state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public OdooSandboxOptions Options => State.Options;

    public OdooFaults Faults => State.Faults;

    public OdooInspector Inspect => State.Inspect;

    /// <summary>RPC calls served so far (round trips), faulted ones included.</summary>
    public long CallCount => State.CallCount;

    /// <summary>Calls per <c>model.method</c> (and <c>common.version</c>, <c>common.authenticate</c>).</summary>
    public IReadOnlyDictionary<string, long> CallCounts => State.CallCounts;

    /// <summary>Calls dropped unserved because the client went away while they were delayed.</summary>
    public long AbandonedCallCount => State.AbandonedCallCount;

    public OdooSandboxState State { get; }

    public long CallCountFor(string model, string method) => State.CallCountFor(model, method);

    public void ResetCallCounts() => State.ResetCallCounts();

    public static async Task<OdooSandbox> StartAsync(OdooSandboxOptions options, CancellationToken cancellationToken = default) =>
        await StartAsync(options, loggerFactory: null, cancellationToken);

    public static async Task<OdooSandbox> StartAsync(OdooSandboxOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new OdooSandboxState(options, loggerFactory);
        var (app, uri) = await SandboxHost.StartAsync(app => app.MapOdooSandbox(state), loggerFactory, cancellationToken);
        return new OdooSandbox(app, state, uri);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
