using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

public sealed class InspectorAndHostingTests
{
    [Fact]
    public async Task The_inspector_shows_seeded_catalogue_stock_and_record_values()
    {
        var products = new[] { new SandboxProduct("A-1", "Alpha", 10m, 5m), new SandboxProduct("S-1", "Service", 3m, 0m, Storable: false, Service: true) };
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18, Products = products });

        var variants = sandbox.Inspect.Records("product.product");
        var warehouse = sandbox.Inspect.Record("stock.warehouse", 1)!;

        Assert.Equal(new[] { "A-1", "S-1" }, variants.Select(v => (string?)v["default_code"]));
        Assert.Equal(true, variants[0]["is_storable"]);
        Assert.Equal("service", variants[1]["type"]);
        Assert.Equal(new[] { 1 }, (int[])variants[0]["taxes_id"]!);
        Assert.Equal(8, warehouse["lot_stock_id"]);
        var quant = Assert.Single(sandbox.Inspect.Quants());
        Assert.Equal(("A-1", "WH/Stock", 5m, 0m), (quant.Sku, quant.Location, quant.Quantity, quant.ReservedQuantity));
        Assert.Null(sandbox.Inspect.Record("sale.order", 1));
        Assert.Equal(0, sandbox.CallCount);
    }

    [Fact]
    public async Task The_sandbox_can_be_hosted_inside_another_app()
    {
        var state = new OdooSandboxState(new OdooSandboxOptions { Version = 19 });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapOdooSandbox(state);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var version = await http.GetFromJsonAsync<JsonObject>("web/version");

        Assert.Equal("19.0", (string?)version!["version"]);
        await app.StopAsync();
    }
}
