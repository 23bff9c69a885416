using RetailSync.Secrets;

namespace RetailSync.Ingestion.Verification;

/// <summary>Loop returns: <c>X-Loop-Signature</c> is the base64 HMAC-SHA256 of the raw body under the webhook's secret (<c>Webhooks:Loop:Secrets</c>).</summary>
public sealed class LoopVerifier(ISecretStore secrets) : BodyHmacVerifier(secrets)
{
    public const string SignatureHeaderName = "X-Loop-Signature";

    /// <inheritdoc />
    public override string Source => WebhookSources.Loop;

    /// <inheritdoc />
    protected override string SignatureHeader => SignatureHeaderName;

    /// <inheritdoc />
    protected override string? SecretName(WebhookDelivery delivery, out string? failure)
    {
        failure = null;
        return WebhookOptions.SecretsName(WebhookSources.Loop);
    }
}
