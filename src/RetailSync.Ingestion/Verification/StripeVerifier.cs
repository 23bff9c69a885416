using System.Text;
using RetailSync.Secrets;
using Stripe;

namespace RetailSync.Ingestion.Verification;

/// <summary>
/// Stripe: the <c>Stripe-Signature</c> header (<c>t=</c> and one or more <c>v1=</c>), checked by Stripe.net's
/// <see cref="EventUtility.ValidateSignature(string, string, string, long, long)"/> against each configured
/// endpoint secret (<c>Webhooks:Stripe:Secrets</c>) with the configured tolerance (default 300 s) on our clock.
/// </summary>
public sealed class StripeVerifier : IWebhookVerifier
{
    public const string SignatureHeader = "Stripe-Signature";

    private readonly ISecretStore _secrets;
    private readonly TimeProvider _timeProvider;
    private readonly long _toleranceSeconds;

    public StripeVerifier(ISecretStore secrets, TimeProvider timeProvider, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _secrets = secrets;
        _timeProvider = timeProvider;
        _toleranceSeconds = options.Stripe.ToleranceSeconds;
    }

    /// <inheritdoc />
    public string Source => WebhookSources.Stripe;

    /// <inheritdoc />
    public async ValueTask<WebhookVerification> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var secrets = await _secrets.GetSecretsAsync(WebhookOptions.SecretsName(WebhookSources.Stripe), cancellationToken);
        if (secrets.Count == 0)
        {
            return WebhookVerification.Fail(VerificationFailures.NoSecret);
        }

        var header = delivery.Header(SignatureHeader);
        if (header is null)
        {
            return WebhookVerification.Fail(VerificationFailures.MissingSignature);
        }

        var json = Encoding.UTF8.GetString(delivery.Body.Span);
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var failure = VerificationFailures.BadSignature;
        foreach (var secret in secrets)
        {
            try
            {
                EventUtility.ValidateSignature(json, header, secret, _toleranceSeconds, now);
                return WebhookVerification.Valid;
            }
            catch (StripeException ex) when (ex.Message.Contains("tolerance", StringComparison.OrdinalIgnoreCase))
            {
                failure = VerificationFailures.TimestampOutOfTolerance;
            }
            catch (StripeException)
            {
                // Wrong secret or malformed header: try the next secret (rotation).
            }
        }

        return WebhookVerification.Fail(failure);
    }
}
