namespace RetailSync.Demo.Scenarios;

/// <summary>One HTTP delivery the demo sends, with what it expects back.</summary>
/// <param name="Label">What it is, for the progress display and failures.</param>
/// <param name="Source">The webhook source (route value).</param>
/// <param name="Body">The raw body bytes.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Headers">Channel headers (signatures, topic, ids).</param>
/// <param name="Expect">The expected outcome.</param>
/// <param name="ExpectedStatus">For rejections: the expected status code.</param>
/// <param name="DuplicateOf">For duplicates: the label of the delivery whose ids must come back.</param>
public sealed record DemoDelivery(
    string Label,
    string Source,
    byte[] Body,
    string ContentType,
    IReadOnlyDictionary<string, string> Headers,
    DemoExpectation Expect,
    int ExpectedStatus = 202,
    string? DuplicateOf = null)
{
    /// <summary>The signed delivery as an HTTP request to the host's <c>/api/webhooks/{source}</c>.</summary>
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{Source}") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
