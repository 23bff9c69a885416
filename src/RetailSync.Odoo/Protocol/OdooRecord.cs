using System.Text.Json;

namespace RetailSync.Odoo;

/// <summary>
/// One record as Odoo returned it (a JSON object), with readers that understand Odoo's conventions:
/// <c>false</c> for an empty value, <c>[id, "name"]</c> for a many2one.
/// </summary>
public readonly record struct OdooRecord(JsonElement Json)
{
    /// <summary>The record id.</summary>
    public long Id => GetInt64("id") ?? throw new OdooException("Odoo returned a record without an id.");

    /// <summary>True when the field is present and neither null nor <c>false</c>.</summary>
    public bool Has(string field) => TryGet(field, out _);

    public string? GetString(string field) =>
        TryGet(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public long? GetInt64(string field) =>
        TryGet(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    public decimal GetDecimal(string field) =>
        TryGet(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : 0m;

    public bool GetBoolean(string field) =>
        TryGet(field, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>Id of a many2one (<c>[id, "display name"]</c>, or a bare id on JSON-2 when asked so).</summary>
    public long? GetReferenceId(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array when value.GetArrayLength() > 0 => value[0].GetInt64(),
            JsonValueKind.Number => value.GetInt64(),
            JsonValueKind.Object when value.TryGetProperty("id", out var id) => id.GetInt64(),
            _ => null,
        };
    }

    /// <summary>Ids of a one2many or many2many field.</summary>
    public IReadOnlyList<long> GetIds(string field)
    {
        if (!TryGet(field, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var ids = new List<long>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number)
            {
                ids.Add(item.GetInt64());
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id))
            {
                ids.Add(id.GetInt64());
            }
        }

        return ids;
    }

    public override string ToString() => Json.GetRawText();

    private bool TryGet(string field, out JsonElement value)
    {
        if (Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(field, out value)
            && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined))
        {
            return true;
        }

        value = default;
        return false;
    }
}
