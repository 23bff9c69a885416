using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetailSync.Local;
using RetailSync.Odoo;
using RetailSync.Testing;

namespace RetailSync.Demo.Tests;

/// <summary>The local host's embedded default: without an Odoo configured it runs against the Odoo sandbox.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EmbeddedOdooTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Without_an_odoo_base_url_the_local_host_talks_to_the_embedded_sandbox()
    {
        await using var app = Create(new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = "18" });
        await app.StartAsync();

        var products = await app.Services.GetRequiredService<OdooSalesOperations>().ResolveProductsAsync(["TEE-BLK-M"]);
        var options = app.Services.GetRequiredService<IOptions<OdooClientOptions>>().Value;
        var sandbox = app.Services.GetRequiredService<EmbeddedOdoo>().Sandbox;

        Assert.NotNull(sandbox);
        Assert.Equal(sandbox.BaseUrl, options.BaseUrl);
        Assert.Equal(18, sandbox.Options.Version);
        Assert.True(products.ContainsKey("TEE-BLK-M"));
        Assert.True(sandbox.CallCount > 0);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_configured_odoo_base_url_starts_no_sandbox()
    {
        await using var app = Create(new Dictionary<string, string?> { ["Odoo:BaseUrl"] = "http://127.0.0.1:9/" });

        Assert.Equal(new Uri("http://127.0.0.1:9/"), app.Services.GetRequiredService<IOptions<OdooClientOptions>>().Value.BaseUrl);
        Assert.Null(app.Services.GetRequiredService<EmbeddedOdoo>().Sandbox);
    }

    private WebApplication Create(Dictionary<string, string?> settings) => TestLocalHost.Create(azurite, settings);
}
