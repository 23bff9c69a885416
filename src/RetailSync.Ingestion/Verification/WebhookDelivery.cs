namespace RetailSync.Ingestion.Verification;

/// <summary>A delivery whose body has been read (within the size limit), handed to verifiers and normalisers.</summary>
/// <param name="Source">The webhook source.</param>
/// <param name="Headers">Request headers (case-insensitive keys).</param>
/// <param name="Body">The exact bytes the channel signed.</param>
/// <param name="ReceivedAt">When the host received it.</param>
public sealed record WebhookDelivery(string Source, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt)
{
    /// <summary>A header's value, or null when absent or blank.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
