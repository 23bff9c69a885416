using System.Text.Json.Nodes;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>One bound method call: the records it runs on, its named arguments and its context.</summary>
internal sealed class MethodCall(OdooModel model, IReadOnlyList<int> ids, IReadOnlyDictionary<string, JsonNode?> args, CallContext ctx)
{
    public OdooModel Model { get; } = model;

    public OdooEnv Env => Ctx.Env;

    public IReadOnlyList<int> Ids { get; } = ids;

    public IReadOnlyDictionary<string, JsonNode?> Args { get; } = args;

    public CallContext Ctx { get; } = ctx;

    public JsonNode? Arg(string name) => Args.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => Args.ContainsKey(name);

    public IReadOnlyList<OdooRecord> Records() => Ids.Select(id => Env.Get(Model.Name, id)).ToList();

    public OdooRecord Single()
    {
        if (Ids.Count != 1)
        {
            throw OdooException.ValueError($"Expected singleton: {Py.Recordset(Model.Name, Ids)}");
        }

        return Env.Get(Model.Name, Ids[0]);
    }
}
