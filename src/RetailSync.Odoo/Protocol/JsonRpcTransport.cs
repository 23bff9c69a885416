using System.Net;
using System.Text.Json;

namespace RetailSync.Odoo.Protocol;

/// <summary>
/// JSON-RPC 2.0 on <c>/jsonrpc</c> (Odoo 8 to 21): <c>object.execute_kw</c> with the API key as password.
/// Odoo answers HTTP 200 with either <c>result</c>, <c>error</c>, or neither (the method returned None).
/// </summary>
internal sealed class JsonRpcTransport(OdooConnection connection, long uid) : IOdooTransport
{
    private static long s_nextId;

    public static JsonElement Null { get; } = JsonDocument.Parse("null").RootElement.Clone();

    public ValueTask<JsonElement> ExecuteAsync(OdooRequest request, CancellationToken cancellationToken)
    {
        var options = connection.Options;
        var args = new List<object?>(request.Arguments.Count + 1);
        if (request.Ids is not null)
        {
            args.Add(request.Ids);
        }

        foreach (var argument in request.Arguments)
        {
            args.Add(argument.Value);
        }

        var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (request.Keywords is not null)
        {
            foreach (var (key, value) in request.Keywords)
            {
                kwargs[key] = value;
            }
        }

        if (request.Context is not null)
        {
            kwargs["context"] = request.Context;
        }

        object?[] executeKwArgs = [options.Database, uid, connection.ApiKey, request.Model, request.Method, args, kwargs];
        return new ValueTask<JsonElement>(CallAsync(connection, "object", "execute_kw", executeKwArgs, request.ReadOnly, request.Model, request.Method, cancellationToken));
    }

    /// <summary>Calls a service method (<c>common.version</c>, <c>common.authenticate</c>, <c>object.execute_kw</c>).</summary>
    public static async Task<JsonElement> CallAsync(
        OdooConnection connection,
        string service,
        string method,
        object?[] args,
        bool replaySafe,
        string? model,
        string? modelMethod,
        CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["id"] = Interlocked.Increment(ref s_nextId),
            ["params"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["service"] = service,
                ["method"] = method,
                ["args"] = args,
            },
        };

        var reply = await connection.PostAsync("jsonrpc", body, headers: null, replaySafe, model, modelMethod, cancellationToken);
        if (reply.Status != HttpStatusCode.OK)
        {
            throw OdooErrors.Classify(null, $"Odoo answered HTTP {(int)reply.Status} {reply.Status} on /jsonrpc.", reply.Status, model, modelMethod);
        }

        if (reply.Body is not { ValueKind: JsonValueKind.Object } json)
        {
            throw new OdooException("Odoo's JSON-RPC reply is not an object.", null, model, modelMethod);
        }

        if (json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw OdooErrors.FromJsonRpcError(error, model, modelMethod);
        }

        // A method that returns None gives a reply with no result key at all: a null result, not an error.
        return json.TryGetProperty("result", out var result) ? result : Null;
    }
}
