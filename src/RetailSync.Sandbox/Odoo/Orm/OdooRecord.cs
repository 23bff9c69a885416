namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>One stored row: its model, id and stored field values (CLR values, see <see cref="ValueCodec"/>).</summary>
internal sealed class OdooRecord(string model, int id)
{
    public string Model { get; } = model;

    public int Id { get; } = id;

    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public object? Raw(string field) => Values.TryGetValue(field, out var value) ? value : null;

    public string? Str(string field) => Raw(field) as string;

    public int? Ref(string field) => Raw(field) as int?;

    public decimal Num(string field) => Raw(field) switch
    {
        decimal d => d,
        long l => l,
        int i => i,
        _ => 0m,
    };

    public bool Flag(string field) => Raw(field) is true;

    public IReadOnlyList<int> Ids(string field) => Raw(field) as IReadOnlyList<int> ?? [];
}
