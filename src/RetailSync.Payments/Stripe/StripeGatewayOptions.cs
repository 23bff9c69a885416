namespace RetailSync.Payments.Stripe;

/// <summary>
/// <c>Payments:Stripe</c>: the secret API key (a Key Vault secret in Azure; never logged), the API base (Stripe's by
/// default, the Stripe sandbox's in tests and demos), the per-request timeout and Stripe.net's own network retries,
/// which resend with the same idempotency key.
/// </summary>
public sealed record StripeGatewayOptions
{
    public string? ApiKey { get; set; }

    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxNetworkRetries { get; set; } = 2;
}
