using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Ingestion.Normalisation;
using RetailSync.Ingestion.Signing;
using RetailSync.Ingestion.Telemetry;
using RetailSync.Ingestion.Verification;
using RetailSync.Messaging;
using RetailSync.Secrets;

namespace RetailSync.Ingestion.Tests;

/// <summary>A handler over an in-memory queue, a fake clock and known secrets, plus signed request builders.</summary>
internal sealed class TestHarness
{
    public const string Shop = "acme.myshopify.com";
    public const string ShopifySecret = "shpss_current";
    public const string ShopifyOldSecret = "shpss_previous";
    public const string StripeSecret = "whsec_stripe_test_secret";
    public const string LoopSecret = "loop-secret";
    public const string WarehouseSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string PosSecret = "whsec_cG9zLXNlY3JldC1rZXktZm9yLXRlc3Rz";

    public TestHarness(int maxBodyBytes = 1024 * 1024, IEventQueue? queue = null, Dictionary<string, string?>? extraConfig = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Webhooks:Shopify:Shops:{Shop}:Secrets:0"] = ShopifySecret,
            [$"Webhooks:Shopify:Shops:{Shop}:Secrets:1"] = ShopifyOldSecret,
            ["Webhooks:Stripe:Secrets:0"] = StripeSecret,
            ["Webhooks:Loop:Secrets"] = LoopSecret,
            ["Webhooks:Loop:ShopDomain"] = Shop,
            ["Webhooks:Warehouse:Secrets:0"] = WarehouseSecret,
            ["Webhooks:Pos:Secrets:0"] = PosSecret,
        };
        foreach (var (key, value) in extraConfig ?? [])
        {
            settings[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Options = Configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>() ?? new WebhookOptions();
        Secrets = new ConfigurationSecretStore(Configuration);
        Queue = queue as InMemoryEventQueue ?? new InMemoryEventQueue(Clock);
        Handler = new WebhookHandler(
            [new ShopifyVerifier(Secrets), new StripeVerifier(Secrets, Clock, Options), new LoopVerifier(Secrets),
             new StandardWebhooksVerifier(WebhookSources.Warehouse, Secrets, Clock, Options.Warehouse),
             new StandardWebhooksVerifier(WebhookSources.Pos, Secrets, Clock, Options.Pos)],
            [new ShopifyNormaliser(), new StripeNormaliser(), new LoopNormaliser(Options), new WarehouseNormaliser(), new PosNormaliser()],
            queue ?? Queue,
            new IngestionOptions { MaxBodyBytes = maxBodyBytes },
            Clock,
            new IngestionTelemetry());
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public IConfiguration Configuration { get; }

    public WebhookOptions Options { get; }

    public ISecretStore Secrets { get; }

    public InMemoryEventQueue Queue { get; }

    public WebhookHandler Handler { get; }

    public static string Fixture(string relative) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relative));

    public static WebhookRequest Shopify(string topic, string body, string secret = ShopifySecret, string webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", string shop = Shop, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return Request(WebhookSources.Shopify, bytes, contentType, new()
        {
            ["X-Shopify-Topic"] = topic,
            ["X-Shopify-Hmac-Sha256"] = WebhookSigner.BodyHmacBase64(secret, bytes),
            ["X-Shopify-Shop-Domain"] = shop,
            ["X-Shopify-Webhook-Id"] = webhookId,
            ["X-Shopify-Event-Id"] = "evt-" + webhookId,
            ["X-Shopify-Triggered-At"] = "2026-11-23T11:59:00Z",
            ["X-Shopify-API-Version"] = "2025-10",
        });
    }

    public WebhookRequest Stripe(string body, string secret = StripeSecret, long? timestamp = null) =>
        Request(WebhookSources.Stripe, Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8", new()
        {
            ["Stripe-Signature"] = WebhookSigner.Stripe(secret, body, timestamp ?? Clock.GetUtcNow().ToUnixTimeSeconds()),
        });

    public static WebhookRequest Loop(string body, string secret = LoopSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return Request(WebhookSources.Loop, bytes, "application/json", new() { ["X-Loop-Signature"] = WebhookSigner.BodyHmacBase64(secret, bytes) });
    }

    public WebhookRequest StandardWebhooks(string source, string body, string? secret = null, string id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", long? timestamp = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = timestamp ?? Clock.GetUtcNow().ToUnixTimeSeconds();
        secret ??= source == WebhookSources.Pos ? PosSecret : WarehouseSecret;
        return Request(source, bytes, "application/json", new()
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = ts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSigner.StandardWebhooks(secret, id, ts, bytes),
        });
    }

    public static WebhookRequest Request(string source, byte[] body, string? contentType, Dictionary<string, string> headers, long? contentLength = -1) =>
        new(source, headers, contentType, new MemoryStream(body), contentLength == -1 ? body.Length : contentLength);

    public static JsonElement BodyJson(WebhookResponse response) => JsonDocument.Parse(response.Body).RootElement.Clone();
}
