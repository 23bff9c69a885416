using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

/// <summary>Hand-written JSON-RPC and JSON-2 requests against a sandbox, returning the raw replies.</summary>
internal sealed class RawOdoo(OdooSandbox sandbox) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = sandbox.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    private int _id;

    public OdooSandbox Sandbox { get; } = sandbox;

    public string Db => Sandbox.Options.Database;

    public string Key => Sandbox.Options.ApiKey;

    public async Task<JsonObject> PostJsonRpcAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("jsonrpc", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Sends a JSON-RPC call; <paramref name="args"/> is the raw JSON of the args array.</summary>
    public Task<JsonObject> CallAsync(string service, string method, string args) =>
        PostJsonRpcAsync($$$"""{"jsonrpc":"2.0","method":"call","id":{{{++_id}}},"params":{"service":"{{{service}}}","method":"{{{method}}}","args":{{{args}}}}}""");

    /// <summary>object.execute_kw with raw JSON for the positional args and kwargs.</summary>
    public Task<JsonObject> ExecuteKwAsync(string model, string method, string args, string kwargs = "{}", string? key = null) =>
        CallAsync("object", "execute_kw", $$"""["{{Db}}", 2, "{{key ?? Key}}", "{{model}}", "{{method}}", {{args}}, {{kwargs}}]""");

    /// <summary>execute_kw that must succeed; returns its result.</summary>
    public async Task<JsonNode?> OkAsync(string model, string method, string args, string kwargs = "{}")
    {
        var reply = await ExecuteKwAsync(model, method, args, kwargs);
        Assert.True(reply["error"] is null, $"{model}.{method} failed: {reply["error"]?.ToJsonString()}");
        return reply["result"];
    }

    /// <summary>execute_kw that must fail; returns error.data.</summary>
    public async Task<JsonObject> FailAsync(string model, string method, string args, string kwargs = "{}")
    {
        var reply = await ExecuteKwAsync(model, method, args, kwargs);
        Assert.True(reply["error"] is not null, $"{model}.{method} unexpectedly succeeded: {reply.ToJsonString()}");
        Assert.Equal(200, (int)reply["error"]!["code"]!);
        Assert.Equal("Odoo Server Error", (string?)reply["error"]!["message"]);
        return (JsonObject)reply["error"]!["data"]!;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> Json2Async(string model, string method, string body, string? key = null, string? database = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"json/2/{model}/{method}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", key ?? Key);
        request.Headers.Add("X-Odoo-Database", database ?? Db);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 || response.Content.Headers.ContentType?.MediaType != "application/json" ? null : JsonNode.Parse(text));
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public void Dispose() => _http.Dispose();
}
