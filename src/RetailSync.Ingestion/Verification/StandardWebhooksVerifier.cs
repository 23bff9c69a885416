using System.Buffers;
using System.Globalization;
using System.Text;
using RetailSync.Secrets;

namespace RetailSync.Ingestion.Verification;

/// <summary>
/// The Standard Webhooks scheme (used by the warehouse and POS sources): <c>webhook-signature</c> holds one or
/// more space-separated <c>v1,&lt;base64&gt;</c> HMAC-SHA256 signatures of <c>{webhook-id}.{webhook-timestamp}.{body}</c>
/// under the base64 key after the <c>whsec_</c> prefix; <c>webhook-timestamp</c> (Unix seconds) must be within
/// tolerance (default 5 minutes) of our clock, both ways.
/// </summary>
public sealed class StandardWebhooksVerifier : IWebhookVerifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    private readonly ISecretStore _secrets;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _tolerance;

    public StandardWebhooksVerifier(string source, ISecretStore secrets, TimeProvider timeProvider, WebhookSourceOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        Source = source;
        _secrets = secrets;
        _timeProvider = timeProvider;
        _tolerance = TimeSpan.FromSeconds(options.ToleranceSeconds);
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <summary>Decodes a <c>whsec_</c> secret into its key bytes, or null when it is not valid base64.</summary>
    public static byte[]? DecodeSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            var key = Convert.FromBase64String(encoded);
            return key.Length == 0 ? null : key;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask<WebhookVerification> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var secrets = await _secrets.GetSecretsAsync(WebhookOptions.SecretsName(Source), cancellationToken);
        var keys = secrets.Select(DecodeSecret).OfType<byte[]>().ToArray();
        if (keys.Length == 0)
        {
            return WebhookVerification.Fail(VerificationFailures.NoSecret);
        }

        var id = delivery.Header(IdHeader);
        var signatures = delivery.Header(SignatureHeader);
        if (id is null || signatures is null)
        {
            return WebhookVerification.Fail(VerificationFailures.MissingSignature);
        }

        var timestampText = delivery.Header(TimestampHeader);
        if (timestampText is null || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return WebhookVerification.Fail(VerificationFailures.MissingTimestamp);
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > (long)_tolerance.TotalSeconds)
        {
            return WebhookVerification.Fail(VerificationFailures.TimestampOutOfTolerance);
        }

        var prefix = Encoding.UTF8.GetBytes(string.Concat(id, ".", timestampText, "."));
        var length = prefix.Length + delivery.Body.Length;
        var signed = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            prefix.CopyTo(signed, 0);
            delivery.Body.Span.CopyTo(signed.AsSpan(prefix.Length));
            var content = signed.AsSpan(0, length);
            foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var comma = candidate.IndexOf(',', StringComparison.Ordinal);
                if (comma <= 0 || !candidate.AsSpan(0, comma).SequenceEqual("v1"))
                {
                    continue; // other versions (v1a asymmetric) are not ours
                }

                var signature = candidate[(comma + 1)..];
                foreach (var key in keys)
                {
                    if (HmacSignatures.MatchesBase64(key, content, signature))
                    {
                        return WebhookVerification.Valid;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
        }

        return WebhookVerification.Fail(VerificationFailures.BadSignature);
    }
}
