using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace RetailSync.Odoo.Tests.Transport;

public sealed class CachingTests
{
    [Fact]
    public async Task Products_are_resolved_in_one_call_and_cached_until_the_ttl_passes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcResult(r,
            """[{"id":11,"default_code":"A","display_name":"Alpha","lst_price":5.0,"type":"consu"},{"id":12,"default_code":"B","display_name":"Beta","lst_price":7.5,"type":"consu"}]""")));
        await using var provider = StubOdoo.Create(handler, o => o.CacheTtl = TimeSpan.FromMinutes(10), services2: s => s.AddSingleton<TimeProvider>(time));
        var sales = provider.GetRequiredService<OdooSalesOperations>();

        var first = await sales.ResolveProductsAsync(["A", "B", "A"]);
        await sales.ResolveProductsAsync(["B", "A"]);
        time.Advance(TimeSpan.FromMinutes(9));
        await sales.ResolveProductsAsync(["A"]);
        Assert.Single(handler.Requests, r => r.ModelMethod == "product.product.search_read");

        time.Advance(TimeSpan.FromMinutes(2));
        await sales.ResolveProductsAsync(["A"]);

        Assert.Equal(2, handler.Requests.Count(r => r.ModelMethod == "product.product.search_read"));
        Assert.Equal(7.5m, first["B"].ListPrice);
        var domain = handler.Requests.First(r => r.ModelMethod == "product.product.search_read").Args[5];
        Assert.Equal("""[[["default_code","in",["A","B"]]]]""", domain.GetRawText());
    }

    [Fact]
    public async Task Every_unknown_sku_is_reported_from_one_lookup()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcResult(r, """[{"id":11,"default_code":"A","display_name":"Alpha","lst_price":5.0,"type":"consu"}]""")));
        await using var provider = StubOdoo.Create(handler);

        var error = await Assert.ThrowsAsync<OdooUnknownProductsException>(() => provider.GetRequiredService<OdooSalesOperations>().ResolveProductsAsync(["X", "A", "Y"]));

        Assert.Equal(["X", "Y"], error.UnknownSkus);
        Assert.Single(handler.Requests, r => r.ModelMethod == "product.product.search_read");
    }
}
