using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RetailSync.Odoo.Tests.Transport;

public sealed class ConfigurationTests
{
    [Fact]
    public void The_odoo_section_binds_every_setting_including_nested_ones()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Odoo:BaseUrl"] = "https://erp.example.com",
            ["Odoo:Database"] = "prod",
            ["Odoo:Login"] = "integration@example.com",
            ["Odoo:ApiKey"] = "k",
            ["Odoo:Version"] = "18",
            ["Odoo:MaxConcurrency"] = "6",
            ["Odoo:Timeout"] = "00:00:05",
            ["Odoo:Retry:MaxRetryAttempts"] = "2",
            ["Odoo:Retry:BaseDelay"] = "00:00:00.050",
            ["Odoo:CircuitBreaker:BreakDuration"] = "00:01:00",
            ["Odoo:CacheTtl"] = "00:30:00",
            ["Odoo:PricePolicy"] = "OdooPrice",
            ["Odoo:PaymentJournals:Stripe"] = "STRP",
            ["Odoo:QuarantineLocation"] = "WH2/Hold",
        }).Build();
        var services = new ServiceCollection();
        services.AddOdooClient(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<OdooClientOptions>>().Value;

        Assert.Equal(new Uri("https://erp.example.com"), options.BaseUrl);
        Assert.Equal(("prod", "integration@example.com", 18, 6), (options.Database, options.Login, options.Version, options.MaxConcurrency));
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(2, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(1), options.CircuitBreaker.BreakDuration);
        Assert.Equal(TimeSpan.FromMinutes(30), options.CacheTtl);
        Assert.Equal(OdooPricePolicy.OdooPrice, options.PricePolicy);
        Assert.Equal("STRP", options.PaymentJournals["stripe"]);
        Assert.Equal("WH2/Hold", options.QuarantineLocation);
        Assert.NotNull(provider.GetRequiredService<OdooClient>());
    }

    [Fact]
    public void A_missing_base_url_is_a_clear_configuration_error()
    {
        var services = new ServiceCollection();
        services.AddOdooClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Odoo:Database"] = "x", ["Odoo:ApiKey"] = "k" }).Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<OdooClient>());

        Assert.Contains("Odoo:BaseUrl", error.Message, StringComparison.Ordinal);
    }
}
