using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Events;

namespace RetailSync.Payments.Tests;

public sealed class PaymentGatewaysTests
{
    [Fact]
    public void A_configured_stripe_key_registers_the_stripe_gateway_and_references_resolve_to_it()
    {
        using var provider = Provider(new() { ["Payments:Stripe:ApiKey"] = "sk_test_x", ["Payments:Stripe:ApiBase"] = "http://127.0.0.1:9/" });
        var gateways = provider.GetRequiredService<PaymentGateways>();

        Assert.True(gateways.TryResolve("stripe/pi_3Abc", out var gateway, out var paymentId));
        Assert.Equal("stripe", gateway.Name);
        Assert.Equal("pi_3Abc", paymentId);
        Assert.False(gateways.TryResolve("shopify/12345", out _, out _));
        Assert.False(gateways.TryResolve("stripe/", out _, out _));
    }

    [Fact]
    public void Without_a_key_no_gateway_is_registered()
    {
        using var provider = Provider([]);

        Assert.Empty(provider.GetRequiredService<PaymentGateways>().Names);
    }

    [Theory]
    [InlineData("19.99", "USD", 1999)]
    [InlineData("500", "JPY", 500)]
    [InlineData("1.234", "KWD", 1234)]
    public void Amounts_convert_to_minor_units_exactly(string amount, string currency, long minor) =>
        Assert.Equal(minor, CurrencyMinorUnits.ToMinor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Fact]
    public void An_amount_finer_than_the_minor_unit_is_refused_not_rounded() =>
        Assert.Throws<ArgumentException>(() => CurrencyMinorUnits.ToMinor(0.005m, "USD"));

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRetailSyncPayments(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
