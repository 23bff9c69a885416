using Microsoft.Extensions.Configuration;
using RetailSync.Hosting.Secrets;
using RetailSync.Secrets;

namespace RetailSync.Ingestion.Tests.Secrets;

public sealed class SecretStoreTests
{
    [Fact]
    public async Task Configuration_store_reads_single_values_and_lists_and_sees_reloads()
    {
        var source = new Dictionary<string, string?>
        {
            ["Webhooks:Loop:Secrets"] = " one ",
            ["Webhooks:Pos:Secrets:0"] = "new",
            ["Webhooks:Pos:Secrets:1"] = "old",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(source).Build();
        using var store = new ConfigurationSecretStore(configuration);

        Assert.Equal(["one"], await store.GetSecretsAsync("Webhooks:Loop:Secrets"));
        Assert.Equal(["new", "old"], await store.GetSecretsAsync("Webhooks:Pos:Secrets"));
        Assert.Empty(await store.GetSecretsAsync("Webhooks:Stripe:Secrets"));

        configuration["Webhooks:Stripe:Secrets"] = "whsec_added";
        configuration.Reload();
        Assert.Equal(["whsec_added"], await store.GetSecretsAsync("Webhooks:Stripe:Secrets"));
    }

    [Theory]
    [InlineData("Webhooks:Stripe:Secrets", "Webhooks--Stripe--Secrets")]
    [InlineData("Webhooks:Shopify:Shops:acme.myshopify.com:Secrets", "Webhooks--Shopify--Shops--acme-myshopify-com--Secrets")]
    public void Key_vault_secret_names_follow_the_double_dash_convention(string name, string expected)
    {
        Assert.Equal(expected, KeyVaultSecretStore.ToSecretName(name));
    }

    [Fact]
    public void Recent_event_ids_forget_the_oldest_beyond_capacity()
    {
        var recent = new RecentEventIds(2);
        recent.AddRange(["a", "b"]);
        Assert.True(recent.ContainsAll(["a", "b"]));
        recent.AddRange(["c"]);
        Assert.False(recent.ContainsAll(["a"]));
        Assert.True(recent.ContainsAll(["b", "c"]));
        Assert.False(new RecentEventIds(0).ContainsAll(["a"]));
    }

    [Fact]
    public void Event_ids_are_deterministic_uuids_that_change_with_every_part()
    {
        var id = Events.RetailEventId.Create("shopify", "orders/create", "evt-1", "retail.order.placed", "order/shopify/s/1");
        Assert.Equal(id, Events.RetailEventId.Create("shopify", "orders/create", "evt-1", "retail.order.placed", "order/shopify/s/1"));
        Assert.True(Guid.TryParse(id, out var guid));
        Assert.Equal(8, guid.Version);
        Assert.NotEqual(id, Events.RetailEventId.Create("shopify", "orders/create", "evt-2", "retail.order.placed", "order/shopify/s/1"));
        Assert.NotEqual(id, Events.RetailEventId.Create("shopify", "orders/updated", "evt-1", "retail.order.placed", "order/shopify/s/1"));
        Assert.NotEqual(
            Events.RetailEventId.Create("a", "b|1:c", "d", "e", "f"),
            Events.RetailEventId.Create("a|1:b", "c", "d", "e", "f"));
    }

    [Theory]
    [InlineData(1999L, "USD", "19.99")]
    [InlineData(500L, "JPY", "500")]
    [InlineData(1234L, "KWD", "1.234")]
    [InlineData(-250L, "eur", "-2.5")]
    public void Minor_units_become_exact_decimals_by_currency_exponent(long minor, string currency, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), RetailSync.Events.CurrencyMinorUnits.ToMajor(minor, currency));
    }
}
