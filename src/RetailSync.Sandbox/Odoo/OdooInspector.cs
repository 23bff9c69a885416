using RetailSync.Sandbox.Odoo.Orm;
using RetailSync.Sandbox.Odoo.Protocol;

namespace RetailSync.Sandbox.Odoo;

/// <summary>
/// A read-only view of what the sandbox Odoo holds, for tests and demos. Values are CLR values: string,
/// bool, long, decimal, int (many2one id) or null, IReadOnlyList&lt;int&gt; (x2many ids).
/// </summary>
public sealed partial class OdooInspector
{
    private readonly OdooDispatcher _dispatcher;

    internal OdooInspector(OdooDispatcher dispatcher) => _dispatcher = dispatcher;

    /// <summary>Every record of a model (archived ones included), ordered by id.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Records(string model) =>
        _dispatcher.Read(env => env.Store.All(model).Select(r => Snapshot(env, r)).ToList());

    /// <summary>One record, or null if it does not exist.</summary>
    public IReadOnlyDictionary<string, object?>? Record(string model, int id) =>
        _dispatcher.Read(env => env.Store.Find(model, id) is { } r ? Snapshot(env, r) : null);

    public int Count(string model) => _dispatcher.Read(env => env.Store.All(model).Count());

    private static Dictionary<string, object?> Snapshot(OdooEnv env, OdooRecord record)
    {
        var model = env.Model(record.Model);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in model.Fields.Values)
        {
            var value = model.GetValue(record, field.Name);
            values[field.Name] = value is IReadOnlyList<int> ids ? ids.ToArray() : value;
        }

        return values;
    }
}
