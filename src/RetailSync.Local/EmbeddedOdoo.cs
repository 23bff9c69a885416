using System.Globalization;
using Microsoft.Extensions.Options;
using RetailSync.Odoo;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Local;

/// <summary>
/// The embedded default for Odoo: when <c>Odoo:BaseUrl</c> is not configured, the Odoo client is pointed at the
/// Odoo sandbox (the real JSON-RPC wire protocol, seeded catalogue, journals and warehouse), started on a free
/// loopback port the first time the client's options are read. Setting <c>Odoo:BaseUrl</c> (with database, login
/// and API key) uses a real Odoo instead; <c>Sandbox:Odoo:Enabled=false</c> leaves Odoo unconfigured;
/// <c>Sandbox:Odoo:Version</c> picks 17 (default), 18 or 19. The sandbox stops when the host's services are disposed.
/// </summary>
/// <remarks>
/// The sandbox is started lazily, from the options pipeline, rather than while the host is being composed: it is
/// itself an ASP.NET Core app, and building a second host before the local host's own would be mistaken for the
/// application by <c>WebApplicationFactory</c>.
/// </remarks>
public sealed class EmbeddedOdoo : IPostConfigureOptions<OdooClientOptions>, IAsyncDisposable
{
    private readonly IConfiguration _configuration;
    private readonly Lock _lock = new();
    private OdooSandbox? _sandbox;

    /// <summary>Creates the provider; nothing starts until the Odoo client's options are read without a base URL.</summary>
    public EmbeddedOdoo(IConfiguration configuration) => _configuration = configuration;

    /// <summary>The sandbox, once started (null while Odoo is configured or nothing has read the options yet).</summary>
    public OdooSandbox? Sandbox => _sandbox;

    /// <summary>Registers the embedded default (the local host's composition calls it).</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<EmbeddedOdoo>();
        services.AddSingleton<IPostConfigureOptions<OdooClientOptions>>(sp => sp.GetRequiredService<EmbeddedOdoo>());
    }

    /// <inheritdoc />
    public void PostConfigure(string? name, OdooClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BaseUrl is not null || string.Equals(_configuration["Sandbox:Odoo:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var sandbox = Start();
        options.BaseUrl = sandbox.BaseUrl;
        options.Database = sandbox.Options.Database;
        options.Login = sandbox.Options.Login;
        options.ApiKey = sandbox.Options.ApiKey;
        if (string.IsNullOrWhiteSpace(_configuration["Odoo:ShippingProductSku"]))
        {
            options.ShippingProductSku = "SHIP-STD";
        }

        options.PaymentJournals.TryAdd("stripe", "STRP");
        options.PaymentJournals.TryAdd("shopify", "SHOP");
    }

    /// <summary>Stops the sandbox.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sandbox is { } sandbox)
        {
            await sandbox.DisposeAsync();
        }
    }

    private OdooSandbox Start()
    {
        lock (_lock)
        {
            if (_sandbox is null)
            {
                var version = int.TryParse(_configuration["Sandbox:Odoo:Version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 17;
                // Options are read on a thread-pool thread with no synchronization context: waiting here is safe.
                _sandbox = OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version }).GetAwaiter().GetResult();
            }

            return _sandbox;
        }
    }
}
