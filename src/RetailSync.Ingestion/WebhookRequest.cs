namespace RetailSync.Ingestion;

/// <summary>
/// One webhook delivery as the host received it. Both hosts (ASP.NET Core and the Functions worker)
/// build this from their request type and pass it to <see cref="WebhookHandler.HandleAsync"/>.
/// </summary>
/// <param name="Source">The <c>{source}</c> route value (<c>shopify</c>, <c>stripe</c>, ...).</param>
/// <param name="Headers">Request headers; looked up case-insensitively (multi-valued headers joined with <c>,</c>).</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
/// <param name="Body">The raw body stream; read once, up to the size limit.</param>
/// <param name="ContentLength">The declared Content-Length, if any (rejected early when over the limit).</param>
public sealed record WebhookRequest(
    string Source,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    Stream Body,
    long? ContentLength = null);
