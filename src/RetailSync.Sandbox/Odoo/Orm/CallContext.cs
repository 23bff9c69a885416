using System.Text.Json.Nodes;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>The environment and Odoo context (<c>context</c> kwarg) of one call.</summary>
internal sealed class CallContext(OdooEnv env, JsonObject? context, bool json2 = false)
{
    /// <summary>True when the call came over JSON-2, where methods returning records answer their ids.</summary>
    public bool Json2 { get; } = json2;

    public OdooEnv Env { get; } = env;

    public JsonObject Context { get; } = context ?? [];

    public bool Flag(string key) => Context[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : Context[key] is JsonValue n && n.TryGetValue<int>(out var i) && i != 0;

    public int? Int(string key) => Context[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public string? Str(string key) => Context[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public IReadOnlyList<int> Ids(string key) => ValueCodec.IdList(Context[key]);

    public CallContext With(string key, JsonNode? value)
    {
        var copy = (JsonObject)Context.DeepClone();
        copy[key] = value;
        return new CallContext(Env, copy, Json2);
    }
}
