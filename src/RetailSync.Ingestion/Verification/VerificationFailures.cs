namespace RetailSync.Ingestion.Verification;

/// <summary>Reasons a signature check fails (metric tags and the problem body's <c>reason</c>).</summary>
public static class VerificationFailures
{
    public const string NoSecret = "no_secret";
    public const string MissingSignature = "missing_signature";
    public const string BadSignature = "bad_signature";
    public const string MissingTimestamp = "missing_timestamp";
    public const string TimestampOutOfTolerance = "timestamp_out_of_tolerance";
    public const string MissingShop = "missing_shop_domain";
}
