using System.Text;
using RetailSync.Secrets;

namespace RetailSync.Ingestion.Verification;

/// <summary>Base class for schemes that sign the raw body with HMAC-SHA256 and send it base64 in one header (Shopify, Loop).</summary>
public abstract class BodyHmacVerifier : IWebhookVerifier
{
    private readonly ISecretStore _secrets;

    protected BodyHmacVerifier(ISecretStore secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets;
    }

    /// <inheritdoc />
    public abstract string Source { get; }

    /// <summary>The header carrying the signature.</summary>
    protected abstract string SignatureHeader { get; }

    /// <inheritdoc />
    public async ValueTask<WebhookVerification> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var secretName = SecretName(delivery, out var failure);
        if (secretName is null)
        {
            return WebhookVerification.Fail(failure ?? VerificationFailures.NoSecret);
        }

        var secrets = await _secrets.GetSecretsAsync(secretName, cancellationToken);
        if (secrets.Count == 0)
        {
            return WebhookVerification.Fail(VerificationFailures.NoSecret);
        }

        var signature = delivery.Header(SignatureHeader);
        if (signature is null)
        {
            return WebhookVerification.Fail(VerificationFailures.MissingSignature);
        }

        foreach (var secret in secrets)
        {
            if (HmacSignatures.MatchesBase64(Encoding.UTF8.GetBytes(secret), delivery.Body.Span, signature))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.Fail(VerificationFailures.BadSignature);
    }

    /// <summary>The secret store name holding this delivery's secrets, or null with a failure reason.</summary>
    protected abstract string? SecretName(WebhookDelivery delivery, out string? failure);
}
