namespace RetailSync.Ingestion.Verification;

/// <summary>Checks one source's signature scheme.</summary>
public interface IWebhookVerifier
{
    /// <summary>The source this verifier checks.</summary>
    string Source { get; }

    /// <summary>Checks the delivery's signature against every configured secret (rotation: old and new both verify).</summary>
    ValueTask<WebhookVerification> VerifyAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default);
}
