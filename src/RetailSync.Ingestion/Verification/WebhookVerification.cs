namespace RetailSync.Ingestion.Verification;

/// <summary>Outcome of checking a delivery's signature.</summary>
/// <param name="IsValid">True when a configured secret produced the signature and its timestamp is within tolerance.</param>
/// <param name="FailureReason">Why not: <c>no_secret</c>, <c>missing_signature</c>, <c>bad_signature</c>, <c>missing_timestamp</c>, <c>timestamp_out_of_tolerance</c>.</param>
public sealed record WebhookVerification(bool IsValid, string? FailureReason)
{
    public static WebhookVerification Valid { get; } = new(true, null);

    public static WebhookVerification Fail(string reason) => new(false, reason);
}
