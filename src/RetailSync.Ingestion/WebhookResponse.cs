namespace RetailSync.Ingestion;

/// <summary>What the host sends back: status code, content type and body, plus what happened for telemetry and tests.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="ContentType">Media type of <paramref name="Body"/> (<c>application/json</c> or <c>application/problem+json</c>).</param>
/// <param name="Body">UTF-8 JSON body.</param>
/// <param name="Outcome">What the handler did.</param>
/// <param name="EventIds">Ids of the delivery's canonical events (empty unless accepted or duplicate).</param>
/// <param name="Reason">Short reason for a rejection or failure (<c>bad_signature</c>, <c>schema</c>, ...).</param>
public sealed record WebhookResponse(
    int StatusCode,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    WebhookOutcome Outcome,
    IReadOnlyList<string> EventIds,
    string? Reason = null);
