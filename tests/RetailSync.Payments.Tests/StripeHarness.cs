using Microsoft.Extensions.Logging.Abstractions;
using RetailSync.Payments.Stripe;
using RetailSync.Sandbox.Stripe;
using Stripe;

namespace RetailSync.Payments.Tests;

/// <summary>A Stripe sandbox, the gateway under test pointed at it, and a plain Stripe.net client to make payments.</summary>
public sealed class StripeHarness : IAsyncDisposable
{
    private StripeHarness(StripeSandbox sandbox, StripePaymentGateway gateway, StripeClient stripe)
    {
        Sandbox = sandbox;
        Gateway = gateway;
        Stripe = stripe;
    }

    public StripeSandbox Sandbox { get; }

    public StripePaymentGateway Gateway { get; }

    public StripeClient Stripe { get; }

    public static async Task<StripeHarness> StartAsync(StripeSandboxOptions? options = null, int maxNetworkRetries = 2, string? apiKey = null)
    {
        var sandbox = await StripeSandbox.StartAsync(options ?? new StripeSandboxOptions());
        var apiBase = sandbox.BaseUrl.ToString().TrimEnd('/');
        var gateway = new StripePaymentGateway(
            new StripeGatewayOptions { ApiKey = apiKey ?? sandbox.Options.ApiKey, ApiBase = sandbox.BaseUrl, MaxNetworkRetries = maxNetworkRetries, Timeout = TimeSpan.FromSeconds(10) },
            new HttpClient(),
            NullLogger<StripePaymentGateway>.Instance);
        var stripe = new StripeClient(sandbox.Options.ApiKey, apiBase: apiBase);
        return new StripeHarness(sandbox, gateway, stripe);
    }

    /// <summary>A captured payment of <paramref name="minorAmount"/> (Stripe.net over the wire).</summary>
    public async Task<string> PaymentAsync(long minorAmount, string currency = "usd") =>
        (await new PaymentIntentService(Stripe).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = minorAmount,
            Currency = currency,
            Metadata = new Dictionary<string, string> { ["order_key"] = "order/shopify/acme.myshopify.com/1001" },
        })).Id;

    public async ValueTask DisposeAsync() => await Sandbox.DisposeAsync();
}
