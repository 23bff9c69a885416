namespace RetailSync.Ingestion;

/// <summary>Webhook ingestion limits (configuration section <c>Ingestion</c>).</summary>
public sealed record IngestionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Ingestion";

    /// <summary>Largest accepted request body (<c>Ingestion:MaxBodyBytes</c>, default 1 MiB); larger gets 413, checked while reading.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// How many recently enqueued event ids this instance remembers (<c>Ingestion:RecentEventIds</c>, default 10 000; 0 turns it off).
    /// A redelivery whose events were all enqueued already is answered with the same ids without a second write.
    /// Only ids whose write succeeded are remembered, so nothing is ever dropped; the dispatcher's ledger dedupes the rest.
    /// </summary>
    public int RecentEventIds { get; init; } = 10_000;
}
