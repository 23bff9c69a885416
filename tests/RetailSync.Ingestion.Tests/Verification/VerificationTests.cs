using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Ingestion.Signing;
using RetailSync.Ingestion.Verification;
using RetailSync.Secrets;

namespace RetailSync.Ingestion.Tests.Verification;

public sealed class VerificationTests
{
    private static ISecretStore Store(params (string Key, string Value)[] values) =>
        new ConfigurationSecretStore(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

    private static WebhookDelivery Delivery(string source, string body, Dictionary<string, string> headers) =>
        new(source, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes(body), DateTimeOffset.UnixEpoch);

    // Published by the Standard Webhooks spec (standard-webhooks/standard-webhooks, libraries' test vectors).
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = "{\"test\": 2432232314}";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static StandardWebhooksVerifier VectorVerifier(long now, string secret = VectorSecret) => new(
        WebhookSources.Warehouse,
        Store(("Webhooks:Warehouse:Secrets:0", secret)),
        new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)),
        new WebhookSourceOptions());

    private static Dictionary<string, string> VectorHeaders(string signature = VectorSignature, long timestamp = VectorTimestamp) => new()
    {
        ["webhook-id"] = VectorId,
        ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };

    [Fact]
    public async Task Standard_webhooks_published_test_vector_verifies()
    {
        var result = await VectorVerifier(VectorTimestamp + 10).VerifyAsync(Delivery("warehouse", VectorBody, VectorHeaders()));
        Assert.True(result.IsValid, result.FailureReason);
    }

    [Fact]
    public void Signer_reproduces_the_standard_webhooks_published_signature()
    {
        Assert.Equal(VectorSignature, WebhookSigner.StandardWebhooks(VectorSecret, VectorId, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody)));
    }

    [Fact]
    public async Task Standard_webhooks_accepts_any_of_several_space_separated_signatures()
    {
        var headers = VectorHeaders("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,ignored " + VectorSignature);
        Assert.True((await VectorVerifier(VectorTimestamp).VerifyAsync(Delivery("warehouse", VectorBody, headers))).IsValid);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Standard_webhooks_refuses_a_timestamp_outside_five_minutes(long skew)
    {
        var result = await VectorVerifier(VectorTimestamp - skew).VerifyAsync(Delivery("warehouse", VectorBody, VectorHeaders()));
        Assert.Equal(VerificationFailures.TimestampOutOfTolerance, result.FailureReason);
    }

    [Fact]
    public async Task Standard_webhooks_refuses_a_tampered_body_and_a_wrong_secret()
    {
        var tampered = await VectorVerifier(VectorTimestamp).VerifyAsync(Delivery("warehouse", "{\"test\": 2432232315}", VectorHeaders()));
        var wrongSecret = await VectorVerifier(VectorTimestamp, "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another key"))).VerifyAsync(Delivery("warehouse", VectorBody, VectorHeaders()));
        Assert.Equal(VerificationFailures.BadSignature, tampered.FailureReason);
        Assert.Equal(VerificationFailures.BadSignature, wrongSecret.FailureReason);
    }

    [Fact]
    public async Task Standard_webhooks_refuses_missing_headers_and_garbage_signatures()
    {
        var verifier = VectorVerifier(VectorTimestamp);
        var noTimestamp = VectorHeaders();
        noTimestamp.Remove("webhook-timestamp");
        var noSignature = VectorHeaders();
        noSignature.Remove("webhook-signature");
        Assert.Equal(VerificationFailures.MissingTimestamp, (await verifier.VerifyAsync(Delivery("warehouse", VectorBody, noTimestamp))).FailureReason);
        Assert.Equal(VerificationFailures.MissingSignature, (await verifier.VerifyAsync(Delivery("warehouse", VectorBody, noSignature))).FailureReason);
        Assert.Equal(VerificationFailures.BadSignature, (await verifier.VerifyAsync(Delivery("warehouse", VectorBody, VectorHeaders("v1,not-base64!!")))).FailureReason);
        Assert.Equal(VerificationFailures.BadSignature, (await verifier.VerifyAsync(Delivery("warehouse", VectorBody, VectorHeaders("v1,")))).FailureReason);
    }

    [Fact]
    public async Task Source_without_a_secret_refuses_every_delivery()
    {
        var verifier = new StandardWebhooksVerifier(WebhookSources.Pos, Store(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp)), new WebhookSourceOptions());
        var result = await verifier.VerifyAsync(Delivery("pos", VectorBody, VectorHeaders()));
        Assert.Equal(VerificationFailures.NoSecret, result.FailureReason);
        Assert.Equal(VerificationFailures.NoSecret, (await new LoopVerifier(Store()).VerifyAsync(Delivery("loop", "{}", new() { ["X-Loop-Signature"] = "x" }))).FailureReason);
    }

    [Fact]
    public async Task Shopify_verifies_with_old_and_new_secret_during_rotation_and_per_shop()
    {
        var store = Store(
            ("Webhooks:Shopify:Shops:acme.myshopify.com:Secrets:0", "new-secret"),
            ("Webhooks:Shopify:Shops:acme.myshopify.com:Secrets:1", "old-secret"),
            ("Webhooks:Shopify:Shops:other.myshopify.com:Secrets:0", "other-secret"));
        var verifier = new ShopifyVerifier(store);
        const string body = "{\"id\":1}";
        Dictionary<string, string> Headers(string secret, string shop) => new()
        {
            ["X-Shopify-Hmac-Sha256"] = WebhookSigner.BodyHmacBase64(secret, Encoding.UTF8.GetBytes(body)),
            ["X-Shopify-Shop-Domain"] = shop,
        };

        Assert.True((await verifier.VerifyAsync(Delivery("shopify", body, Headers("new-secret", "acme.myshopify.com")))).IsValid);
        Assert.True((await verifier.VerifyAsync(Delivery("shopify", body, Headers("old-secret", "acme.myshopify.com")))).IsValid);
        Assert.False((await verifier.VerifyAsync(Delivery("shopify", body, Headers("other-secret", "acme.myshopify.com")))).IsValid);
        Assert.Equal(VerificationFailures.NoSecret, (await verifier.VerifyAsync(Delivery("shopify", body, Headers("new-secret", "unknown.myshopify.com")))).FailureReason);
        Assert.Equal(VerificationFailures.MissingShop, (await verifier.VerifyAsync(Delivery("shopify", body, new() { ["X-Shopify-Hmac-Sha256"] = "x" }))).FailureReason);
    }

    [Fact]
    public async Task Loop_verifies_the_base64_hmac_of_the_body()
    {
        var verifier = new LoopVerifier(Store(("Webhooks:Loop:Secrets", "loop-secret")));
        const string body = "{\"topic\":\"return\"}";
        var good = WebhookSigner.BodyHmacBase64("loop-secret", Encoding.UTF8.GetBytes(body));
        Assert.True((await verifier.VerifyAsync(Delivery("loop", body, new() { ["X-Loop-Signature"] = good }))).IsValid);
        Assert.Equal(VerificationFailures.BadSignature, (await verifier.VerifyAsync(Delivery("loop", body + " ", new() { ["X-Loop-Signature"] = good }))).FailureReason);
        Assert.Equal(VerificationFailures.MissingSignature, (await verifier.VerifyAsync(Delivery("loop", body, []))).FailureReason);
    }

    private static StripeVerifier StripeVerifier(DateTimeOffset now, params string[] secrets) => new(
        Store(secrets.Select((s, i) => ($"Webhooks:Stripe:Secrets:{i}", s)).ToArray()),
        new FakeTimeProvider(now),
        new WebhookOptions());

    [Fact]
    public async Task Stripe_header_generated_by_stripe_net_verifies_and_tampering_does_not()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        const string body = "{\"id\":\"evt_1\",\"object\":\"event\"}";
        var header = Stripe.EventUtility.GenerateSignatureHeader(body, "whsec_abc", now.ToUnixTimeSeconds());
        var verifier = StripeVerifier(now, "whsec_abc");

        Assert.True((await verifier.VerifyAsync(Delivery("stripe", body, new() { ["Stripe-Signature"] = header }))).IsValid);
        Assert.Equal(VerificationFailures.BadSignature, (await verifier.VerifyAsync(Delivery("stripe", body.Replace("evt_1", "evt_2", StringComparison.Ordinal), new() { ["Stripe-Signature"] = header }))).FailureReason);
        Assert.Equal(VerificationFailures.MissingSignature, (await verifier.VerifyAsync(Delivery("stripe", body, []))).FailureReason);
    }

    [Fact]
    public async Task Stripe_accepts_a_header_with_several_v1_signatures_and_rotated_secrets()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        const string body = "{\"id\":\"evt_1\"}";
        var t = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var header = $"t={t},v1={Stripe.EventUtility.ComputeSignature("whsec_other", t, body)},v1={Stripe.EventUtility.ComputeSignature("whsec_old", t, body)}";
        var verifier = StripeVerifier(now, "whsec_new", "whsec_old");
        Assert.True((await verifier.VerifyAsync(Delivery("stripe", body, new() { ["Stripe-Signature"] = header }))).IsValid);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Stripe_refuses_timestamps_outside_300_seconds(int skew)
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        const string body = "{\"id\":\"evt_1\"}";
        var header = WebhookSigner.Stripe("whsec_abc", body, now.AddSeconds(skew).ToUnixTimeSeconds());
        var result = await StripeVerifier(now, "whsec_abc").VerifyAsync(Delivery("stripe", body, new() { ["Stripe-Signature"] = header }));
        Assert.Equal(VerificationFailures.TimestampOutOfTolerance, result.FailureReason);
    }
}
