using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>
/// Converts between JSON values on the wire and the CLR values the store keeps: string, bool, long (integer),
/// decimal (float, monetary), int? (many2one id), List&lt;int&gt; (many2many). Empty values are null and read
/// back as Odoo sends them: <c>false</c>, <c>0</c> or <c>[]</c>.
/// </summary>
internal static class ValueCodec
{
    public static object? FromJson(FieldDef field, JsonNode? node)
    {
        if (node is null || IsFalse(node))
        {
            return field.Type switch
            {
                FieldType.Boolean => false,
                FieldType.Integer => 0L,
                FieldType.Float or FieldType.Monetary => 0m,
                _ => null,
            };
        }

        switch (field.Type)
        {
            case FieldType.Boolean:
                return node is JsonValue b && b.TryGetValue<bool>(out var flag) ? flag : Number(node) != 0m;
            case FieldType.Integer:
                return (long)Number(node);
            case FieldType.Float:
            case FieldType.Monetary:
                return Number(node);
            case FieldType.Many2One:
                if (node is JsonArray pair && pair.Count > 0)
                {
                    return (int)Number(pair[0]);
                }

                return (int)Number(node);
            case FieldType.Selection:
                var choice = Text(node);
                if (field.Selection is not null && !field.Selection.Contains(choice, StringComparer.Ordinal))
                {
                    throw OdooException.ValueError($"Wrong value for {field.OwnerModel}.{field.Name}: {Py.Quote(choice)}");
                }

                return choice;
            default:
                return Text(node);
        }
    }

    public static JsonNode? ToJson(FieldDef field, object? value, OdooEnv env, bool classic = true)
    {
        switch (field.Type)
        {
            case FieldType.Boolean:
                return value is true;
            case FieldType.Integer:
                return value is long l ? l : value is int i ? i : 0;
            case FieldType.Float:
            case FieldType.Monetary:
                return ToDouble(value as decimal? ?? 0m);
            case FieldType.Many2One:
                if (value is not int id)
                {
                    return false;
                }

                if (!classic)
                {
                    return id;
                }

                var target = env.Store.Find(field.Comodel!, id);
                var name = target is null ? "" : env.Model(field.Comodel!).DisplayName(target);
                return new JsonArray(id, name);
            case FieldType.One2Many:
            case FieldType.Many2Many:
                return new JsonArray(((IEnumerable<int>?)value ?? []).Select(x => (JsonNode)x).ToArray());
            default:
                return value is string s ? s : false;
        }
    }

    /// <summary>Renders a method's return value (CLR or JSON) as JSON.</summary>
    public static JsonNode? Result(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        bool b => b,
        int i => i,
        long l => l,
        decimal d => ToDouble(d),
        double d => d,
        string s => s,
        IEnumerable<KeyValuePair<string, object?>> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, Result(kv.Value)))),
        IEnumerable items => new JsonArray(items.Cast<object?>().Select(Result).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    public static bool IsFalse(JsonNode? node) =>
        node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.False);

    public static decimal Number(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    if (value.TryGetValue<decimal>(out var d))
                    {
                        return d;
                    }

                    if (value.TryGetValue<int>(out var i))
                    {
                        return i;
                    }

                    if (value.TryGetValue<long>(out var l))
                    {
                        return l;
                    }

                    return (decimal)value.GetValue<double>();
                case JsonValueKind.True:
                    return 1m;
                case JsonValueKind.False:
                case JsonValueKind.Null:
                    return 0m;
                case JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                    return parsed;
            }
        }

        throw OdooException.ValueError($"could not convert {Py.Repr(node?.ToJsonString())} to a number");
    }

    public static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        null => "",
        _ => node.ToJsonString(),
    };

    /// <summary>An id or a list of ids, as Odoo accepts for <c>ids</c> and <c>active_ids</c>.</summary>
    public static List<int> IdList(JsonNode? node) => node switch
    {
        JsonArray array => array.Where(x => !IsFalse(x)).Select(x => (int)Number(x)).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [(int)Number(v)],
        _ => [],
    };

    public static double ToDouble(decimal value) => (double)value;
}
