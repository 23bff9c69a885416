using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetailSync.Local;
using RetailSync.Payments;
using RetailSync.Testing;
using Stripe;

namespace RetailSync.Demo.Tests;

/// <summary>
/// The local host's embedded Stripe: without an API key the gateway talks to the Stripe sandbox, whose signed
/// webhooks come back to the host's own <c>/api/webhooks/stripe</c> and verify there.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EmbeddedStripeTests(AzuriteFixture azurite)
{
    private const string Secret = "whsec_embedded_stripe_test_secret";

    [Fact]
    public async Task Without_a_stripe_key_refunds_go_to_the_sandbox_and_its_signed_webhooks_are_accepted_by_the_host()
    {
        await using var app = Create(new Dictionary<string, string?> { ["Webhooks:Stripe:Secrets:0"] = Secret });
        await app.StartAsync();

        var sandbox = app.Services.GetRequiredService<EmbeddedStripe>().Sandbox;
        var options = app.Services.GetRequiredService<IOptions<PaymentsOptions>>().Value;
        Assert.NotNull(sandbox);
        Assert.Equal(sandbox.BaseUrl, options.Stripe.ApiBase);
        Assert.Equal(new Uri(new Uri(app.Urls.First()), "api/webhooks/stripe"), sandbox.WebhookUrl);

        var intent = await new PaymentIntentService(new StripeClient(sandbox.Options.ApiKey, apiBase: sandbox.BaseUrl.ToString().TrimEnd('/')))
            .CreateAsync(new PaymentIntentCreateOptions { Amount = 4200, Currency = "usd" });
        Assert.True(app.Services.GetRequiredService<PaymentGateways>().TryGet("stripe", out var gateway));
        var refund = await gateway.RefundAsync(new GatewayRefundRequest(intent.Id, 12.50m, "USD", "embedded-refund-1"));
        await sandbox.WebhooksSentAsync();

        Assert.Equal(1250, sandbox.RefundedAmount(intent.Id));
        Assert.Equal(refund.RefundId, Assert.Single(sandbox.Refunds).Id);
        Assert.Equal(["payment_intent.succeeded", "charge.refunded"], sandbox.WebhookDeliveries.Select(d => d.Type).ToArray());
        Assert.All(sandbox.WebhookDeliveries, d => Assert.Equal((202, 1), (d.StatusCode, d.Attempts)));
        await app.StopAsync();
    }

    [Fact]
    public async Task A_configured_stripe_key_starts_no_sandbox()
    {
        await using var app = Create(new Dictionary<string, string?>
        {
            ["Webhooks:Stripe:Secrets:0"] = Secret,
            ["Payments:Stripe:ApiKey"] = "sk_test_configured",
        });

        Assert.Equal("sk_test_configured", app.Services.GetRequiredService<IOptions<PaymentsOptions>>().Value.Stripe.ApiKey);
        Assert.Null(app.Services.GetRequiredService<EmbeddedStripe>().Sandbox);
    }

    private WebApplication Create(Dictionary<string, string?> settings) => TestLocalHost.Create(azurite, settings);
}
