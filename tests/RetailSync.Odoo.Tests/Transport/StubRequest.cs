using System.Text.Json;

namespace RetailSync.Odoo.Tests.Transport;

/// <summary>One request the stub received.</summary>
internal sealed record StubRequest(string Path, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    public string? Service => Path == "/jsonrpc" ? Body.GetProperty("params").GetProperty("service").GetString() : null;

    public string? RpcMethod => Path == "/jsonrpc" ? Body.GetProperty("params").GetProperty("method").GetString() : null;

    public JsonElement Args => Body.GetProperty("params").GetProperty("args");

    /// <summary>Model method of an execute_kw call ("model.method"), or of a JSON-2 path.</summary>
    public string? ModelMethod => Path == "/jsonrpc"
        ? RpcMethod == "execute_kw" ? $"{Args[3].GetString()}.{Args[4].GetString()}" : $"{Service}.{RpcMethod}"
        : Path.StartsWith("/json/2/", StringComparison.Ordinal) ? Path["/json/2/".Length..].Replace('/', '.') : null;
}
