using RetailSync.Secrets;

namespace RetailSync.Ingestion.Verification;

/// <summary>
/// Shopify: <c>X-Shopify-Hmac-Sha256</c> is the base64 HMAC-SHA256 of the raw body under the app's secret.
/// Each shop (<c>X-Shopify-Shop-Domain</c>) has its own secrets (<c>Webhooks:Shopify:Shops:&lt;domain&gt;:Secrets</c>).
/// </summary>
public sealed class ShopifyVerifier(ISecretStore secrets) : BodyHmacVerifier(secrets)
{
    public const string HmacHeader = "X-Shopify-Hmac-Sha256";
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";

    /// <inheritdoc />
    public override string Source => WebhookSources.Shopify;

    /// <inheritdoc />
    protected override string SignatureHeader => HmacHeader;

    /// <inheritdoc />
    protected override string? SecretName(WebhookDelivery delivery, out string? failure)
    {
        var shop = delivery.Header(ShopDomainHeader);
        if (shop is null || shop.Contains(':', StringComparison.Ordinal))
        {
            failure = VerificationFailures.MissingShop;
            return null;
        }

        failure = null;
        return WebhookOptions.ShopifySecretsName(shop.ToLowerInvariant());
    }
}
