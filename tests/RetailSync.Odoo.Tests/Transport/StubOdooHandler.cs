using System.Net;
using System.Text;
using System.Text.Json;

namespace RetailSync.Odoo.Tests.Transport;

/// <summary>A primary handler standing in for an Odoo server: it records every request and answers through a delegate.</summary>
internal sealed class StubOdooHandler(Func<StubRequest, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<StubRequest> _requests = [];
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<StubRequest> Requests
    {
        get { lock (_lock) { return _requests.ToList(); } }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var stub = new StubRequest(request.RequestUri!.AbsolutePath, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), JsonDocument.Parse(body).RootElement.Clone());
        lock (_lock)
        {
            _requests.Add(stub);
        }

        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            return await respond(stub).WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage RpcResult(StubRequest request, string resultJson) =>
        Json($$"""{"jsonrpc":"2.0","id":{{request.Body.GetProperty("id").GetRawText()}},"result":{{resultJson}}}""");

    public static HttpResponseMessage RpcError(StubRequest request, string name, string message) =>
        Json(JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0",
            id = request.Body.GetProperty("id").GetInt64(),
            error = new { code = 200, message = "Odoo Server Error", data = new { name, message, arguments = new[] { message }, debug = "Traceback...", context = new { } } },
        }));
}
