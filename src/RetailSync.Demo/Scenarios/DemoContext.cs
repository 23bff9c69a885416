using System.Globalization;
using System.Text;
using RetailSync.Ingestion.Signing;

namespace RetailSync.Demo.Scenarios;

/// <summary>Shared facts of a demo run (shops, orders, secrets, clock) and helpers to sign deliveries as each channel does.</summary>
public sealed class DemoContext(TimeProvider timeProvider)
{
    public const string Shop = "northwind-outfitters.myshopify.com";
    public const string ShopifySecret = "demo-shopify-app-secret";
    public const string StripeSecret = "whsec_demo_stripe_endpoint_secret";
    public const string LoopSecret = "demo-loop-webhook-secret";
    public const string WarehouseSecret = "whsec_ZGVtby13YXJlaG91c2Utc2lnbmluZy1rZXk=";
    public const string PosSecret = "whsec_ZGVtby1wb3Mtc2lnbmluZy1rZXktMDAx";

    /// <summary>Configuration the demo host runs with.</summary>
    public static IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        [$"Webhooks:Shopify:Shops:{Shop}:Secrets:0"] = ShopifySecret,
        ["Webhooks:Stripe:Secrets:0"] = StripeSecret,
        ["Webhooks:Loop:Secrets:0"] = LoopSecret,
        ["Webhooks:Loop:ShopDomain"] = Shop,
        ["Webhooks:Warehouse:Secrets:0"] = WarehouseSecret,
        ["Webhooks:Pos:Secrets:0"] = PosSecret,
    };

    /// <summary>The Shopify orders of the day (ids), shared by the payment, shipment and return scenarios.</summary>
    public IReadOnlyList<long> OrderIds { get; } = Enumerable.Range(0, 12).Select(i => 5_820_000_000_001L + i).ToArray();

    /// <summary>The demo's "now", fixed at start so a retried delivery has exactly the bytes of the first.</summary>
    public DateTimeOffset Now { get; } = timeProvider.GetUtcNow();

    public static string PaymentIntentFor(long orderId) => "pi_3Demo" + orderId.ToString(CultureInfo.InvariantCulture);

    public DemoDelivery Shopify(string label, string topic, string body, DemoExpectation expect = DemoExpectation.Accepted, string? webhookId = null, string secret = ShopifySecret, int status = 202, string? duplicateOf = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new Dictionary<string, string>
        {
            ["X-Shopify-Topic"] = topic,
            ["X-Shopify-Shop-Domain"] = Shop,
            ["X-Shopify-Webhook-Id"] = webhookId ?? "wh-" + label,
            ["X-Shopify-Triggered-At"] = Now.ToString("O", CultureInfo.InvariantCulture),
            ["X-Shopify-API-Version"] = "2025-10",
            ["X-Shopify-Hmac-Sha256"] = WebhookSigner.BodyHmacBase64(secret, bytes),
        };
        return new DemoDelivery(label, "shopify", bytes, "application/json", headers, expect, status, duplicateOf);
    }

    public DemoDelivery Stripe(string label, string body, DemoExpectation expect = DemoExpectation.Accepted, DateTimeOffset? signedAt = null, int status = 202, string? duplicateOf = null)
    {
        var headers = new Dictionary<string, string> { ["Stripe-Signature"] = WebhookSigner.Stripe(StripeSecret, body, (signedAt ?? Now).ToUnixTimeSeconds()) };
        return new DemoDelivery(label, "stripe", Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8", headers, expect, status, duplicateOf);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Scenarios sign every channel through the context.")]
    public DemoDelivery Loop(string label, string body, DemoExpectation expect = DemoExpectation.Accepted, int status = 202, string? duplicateOf = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new Dictionary<string, string> { ["X-Loop-Signature"] = WebhookSigner.BodyHmacBase64(LoopSecret, bytes) };
        return new DemoDelivery(label, "loop", bytes, "application/json", headers, expect, status, duplicateOf);
    }

    public DemoDelivery StandardWebhooks(string source, string label, string body, string messageId, DemoExpectation expect = DemoExpectation.Accepted, int status = 202, string? duplicateOf = null, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = Now.ToUnixTimeSeconds();
        var secret = source == "pos" ? PosSecret : WarehouseSecret;
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = messageId,
            ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSigner.StandardWebhooks(secret, messageId, timestamp, bytes),
        };
        return new DemoDelivery(label, source, bytes, contentType, headers, expect, status, duplicateOf);
    }
}
