using System.Globalization;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Local;

/// <summary>
/// The embedded default for Odoo: when <c>Odoo:BaseUrl</c> is not configured, the local host starts the Odoo
/// sandbox (the real JSON-RPC wire protocol, seeded catalogue, journals and warehouse) on a free loopback port
/// and points the Odoo client at it. Setting <c>Odoo:BaseUrl</c> (with database, login and API key) uses a real
/// Odoo instead; <c>Sandbox:Odoo:Enabled=false</c> leaves Odoo unconfigured. <c>Sandbox:Odoo:Version</c> picks
/// 17 (default), 18 or 19.
/// </summary>
public sealed class EmbeddedOdoo : IHostedService
{
    private readonly OdooSandbox _sandbox;

    private EmbeddedOdoo(OdooSandbox sandbox) => _sandbox = sandbox;

    /// <summary>Starts the sandbox when the configuration asks for it and adds its settings; otherwise does nothing.</summary>
    public static void AddIfUnconfigured(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration["Odoo:BaseUrl"]) || string.Equals(configuration["Sandbox:Odoo:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var version = int.TryParse(configuration["Sandbox:Odoo:Version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 17;
        // Program.Main has no synchronization context: starting the sandbox's Kestrel here, before the host is built,
        // lets the Odoo client bind its options to the sandbox's address like any other configuration.
        var sandbox = OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version }).GetAwaiter().GetResult();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Odoo:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Odoo:Database"] = sandbox.Options.Database,
            ["Odoo:Login"] = sandbox.Options.Login,
            ["Odoo:ApiKey"] = sandbox.Options.ApiKey,
            ["Odoo:ShippingProductSku"] = configuration["Odoo:ShippingProductSku"] ?? "SHIP-STD",
            ["Odoo:PaymentJournals:stripe"] = configuration["Odoo:PaymentJournals:stripe"] ?? "STRP",
            ["Odoo:PaymentJournals:shopify"] = configuration["Odoo:PaymentJournals:shopify"] ?? "SHOP",
        });
        builder.Services.AddSingleton(sandbox);
        builder.Services.AddHostedService(_ => new EmbeddedOdoo(sandbox));
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops the sandbox with the host.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await _sandbox.DisposeAsync();
}
