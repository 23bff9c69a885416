namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>
/// The sandbox database: records per model plus sequences. Every change is journalled while a call runs so
/// a failed call leaves nothing behind (Odoo runs each RPC call in one SQL transaction). Record ids come from
/// counters that a rollback does not rewind, as PostgreSQL sequences behave. Not thread-safe by itself: the
/// owner serialises calls.
/// </summary>
internal sealed class RecordStore
{
    private readonly Dictionary<string, SortedDictionary<int, OdooRecord>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sequences = new(StringComparer.Ordinal);
    private List<Action>? _undo;

    public OdooRecord Insert(string model, IReadOnlyDictionary<string, object?> values)
    {
        var id = _nextIds.TryGetValue(model, out var next) ? next : 1;
        _nextIds[model] = id + 1;
        var record = new OdooRecord(model, id);
        foreach (var (key, value) in values)
        {
            record.Values[key] = value;
        }

        var table = Table(model);
        table[id] = record;
        _undo?.Add(() => table.Remove(id));
        return record;
    }

    public void Set(OdooRecord record, string field, object? value)
    {
        var had = record.Values.TryGetValue(field, out var old);
        record.Values[field] = value;
        _undo?.Add(() =>
        {
            if (had)
            {
                record.Values[field] = old;
            }
            else
            {
                record.Values.Remove(field);
            }
        });
    }

    public void Delete(OdooRecord record)
    {
        var table = Table(record.Model);
        if (table.Remove(record.Id))
        {
            _undo?.Add(() => table[record.Id] = record);
        }
    }

    public OdooRecord? Find(string model, int id) => Table(model).GetValueOrDefault(id);

    public IEnumerable<OdooRecord> All(string model) => Table(model).Values;

    /// <summary>Next number of a named sequence (S, WH/OUT, INV/2026, ...), rolled back with the call.</summary>
    public int NextNumber(string sequence)
    {
        var number = _sequences.TryGetValue(sequence, out var last) ? last + 1 : 1;
        _sequences[sequence] = number;
        _undo?.Add(() => _sequences[sequence] = number - 1);
        return number;
    }

    public void Begin() => _undo = [];

    public void Commit() => _undo = null;

    public void Rollback()
    {
        if (_undo is null)
        {
            return;
        }

        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo = null;
    }

    private SortedDictionary<int, OdooRecord> Table(string model)
    {
        if (!_tables.TryGetValue(model, out var table))
        {
            table = [];
            _tables[model] = table;
        }

        return table;
    }
}
