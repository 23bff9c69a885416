using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RetailSync.Demo.Scenarios;
using RetailSync.Local;

namespace RetailSync.Demo;

/// <summary>The local host (the same <see cref="LocalHost"/> composition as <c>RetailSync.Local</c>) started in-process on 127.0.0.1.</summary>
public sealed class DemoHost : IAsyncDisposable
{
    public const int PreferredPort = 7071;

    private readonly WebApplication _app;

    private DemoHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the host listens.</summary>
    public Uri Address { get; }

    /// <summary>The host's services (the Odoo client the operator step and the reconciliation use).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the host on <paramref name="preferredPort"/> when free (else a free port) with the demo's webhook secrets, the given storage and
    /// queue, and <paramref name="settings"/> on top (which decide whether the dispatcher and workflows run).
    /// </summary>
    public static async Task<DemoHost> StartAsync(string storageConnectionString, string queueName, IReadOnlyDictionary<string, string?> settings, int preferredPort = PreferredPort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = preferredPort > 0 && IsFree(preferredPort) ? preferredPort : 0;
        var app = LocalHost.Create([], builder =>
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var values = new Dictionary<string, string?>(DemoContext.HostSettings)
            {
                ["Storage:ConnectionString"] = storageConnectionString,
                ["Queues:Events"] = queueName,
            };
            foreach (var (key, value) in settings)
            {
                values[key] = value;
            }

            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.SetMinimumLevel(LogLevel.Error);
        });
        await app.StartAsync(cancellationToken);
        return new DemoHost(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
