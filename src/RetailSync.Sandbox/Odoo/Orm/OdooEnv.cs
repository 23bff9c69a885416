using System.Globalization;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>The registry of models, the store and the version-specific switches one sandbox runs with.</summary>
internal sealed class OdooEnv(int version, TimeProvider timeProvider)
{
    private readonly Dictionary<string, OdooModel> _models = new(StringComparer.Ordinal);

    public int Version { get; } = version;

    public TimeProvider Time { get; } = timeProvider;

    public RecordStore Store { get; } = new();

    /// <summary>The uid of the API user (Odoo's admin is uid 2; OdooBot is 1).</summary>
    public int Uid { get; } = 2;

    public IReadOnlyDictionary<string, OdooModel> Models => _models;

    public string Today => Time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Now => Time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public int Year => Time.GetUtcNow().Year;

    public void Register(OdooModel model) => _models[model.Name] = model;

    public OdooModel Model(string name) =>
        _models.TryGetValue(name, out var model) ? model : throw OdooException.KeyError(Py.Quote(name));

    public T Model<T>(string name)
        where T : OdooModel => (T)Model(name);

    public OdooRecord Get(string model, int id) =>
        Store.Find(model, id) ?? throw OdooException.MissingError(
            $"Record does not exist or has been deleted.\n(Record: {Py.Recordset(model, [id])}, User: {Uid.ToString(CultureInfo.InvariantCulture)})");

    /// <summary>Formats a sequence number the way Odoo's ir.sequence pads it.</summary>
    public string Sequence(string key, string prefix, int padding)
    {
        var number = Store.NextNumber(key);
        return prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(padding, '0');
    }
}
