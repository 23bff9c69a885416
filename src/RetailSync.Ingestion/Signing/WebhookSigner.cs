using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RetailSync.Ingestion.Verification;
using Stripe;

namespace RetailSync.Ingestion.Signing;

/// <summary>
/// Produces the signature headers each channel sends, for the sandboxes, the demo, the benchmark and tests.
/// The inverse of the verifiers; never used on the ingestion path.
/// </summary>
public static class WebhookSigner
{
    /// <summary>Shopify <c>X-Shopify-Hmac-Sha256</c> and Loop <c>X-Loop-Signature</c>: base64 HMAC-SHA256 of the body.</summary>
    public static string BodyHmacBase64(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Standard Webhooks <c>webhook-signature</c> value (<c>v1,&lt;base64&gt;</c>) under a <c>whsec_</c> secret.</summary>
    public static string StandardWebhooks(string secret, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = StandardWebhooksVerifier.DecodeSecret(secret) ?? throw new ArgumentException("Not a whsec_ base64 secret.", nameof(secret));
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>Stripe <c>Stripe-Signature</c> (<c>t=...,v1=...</c>) as Stripe.net computes it.</summary>
    public static string Stripe(string secret, string body, long timestamp)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={EventUtility.ComputeSignature(secret, t, body)}";
    }
}
