using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>
/// Odoo search domains in Polish notation: leaves <c>[field, operator, value]</c> (dotted paths through
/// many2one and x2many fields), <c>&amp;</c>, <c>|</c>, <c>!</c>, and an implicit <c>&amp;</c> between terms.
/// Operators: = != in "not in" like ilike "not like" "not ilike" =like =ilike &lt; &gt; &lt;= &gt;= child_of parent_of.
/// </summary>
internal static class Domain
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "=", "!=", "<>", "in", "not in", "like", "ilike", "not like", "not ilike", "=like", "=ilike",
        "<", ">", "<=", ">=", "child_of", "parent_of",
    };

    public static Func<OdooRecord, bool> Compile(OdooModel model, JsonNode? domain)
    {
        if (domain is null || ValueCodec.IsFalse(domain))
        {
            return _ => true;
        }

        if (domain is not JsonArray terms)
        {
            throw OdooException.ValueError($"Invalid domain: {domain.ToJsonString()}");
        }

        var stack = new Stack<Func<OdooRecord, bool>>();
        for (var i = terms.Count - 1; i >= 0; i--)
        {
            var term = terms[i];
            if (term is JsonValue op && op.GetValueKind() == JsonValueKind.String)
            {
                var symbol = op.GetValue<string>();
                switch (symbol)
                {
                    case "!":
                        var inner = Pop(stack, symbol);
                        stack.Push(r => !inner(r));
                        break;
                    case "&":
                    case "|":
                        var left = Pop(stack, symbol);
                        var right = Pop(stack, symbol);
                        stack.Push(symbol == "&" ? r => left(r) && right(r) : r => left(r) || right(r));
                        break;
                    default:
                        throw OdooException.ValueError($"Invalid domain term {Py.Quote(symbol)}");
                }
            }
            else if (term is JsonArray leaf && leaf.Count == 3)
            {
                stack.Push(Leaf(model, leaf));
            }
            else
            {
                throw OdooException.ValueError($"Invalid domain term {term?.ToJsonString() ?? "None"}");
            }
        }

        var all = stack.ToList();
        return r => all.TrueForAll(p => p(r));
    }

    /// <summary>True when the domain names <paramref name="field"/> in any leaf (used for the active filter).</summary>
    public static bool Mentions(JsonNode? domain, string field) =>
        domain is JsonArray terms && terms.OfType<JsonArray>().Any(leaf =>
            leaf.Count == 3 && leaf[0] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && v.GetValue<string>().Split('.')[0] == field);

    private static Func<OdooRecord, bool> Pop(Stack<Func<OdooRecord, bool>> stack, string symbol) =>
        stack.Count > 0 ? stack.Pop() : throw OdooException.ValueError($"Invalid domain: operator {Py.Quote(symbol)} lacks operands");

    private static Func<OdooRecord, bool> Leaf(OdooModel model, JsonArray leaf)
    {
        if (leaf[0] is JsonValue constant && constant.GetValueKind() == JsonValueKind.Number)
        {
            var truth = ValueCodec.Number(constant) == 1m;
            return _ => truth;
        }

        var path = ValueCodec.Text(leaf[0]);
        var op = ValueCodec.Text(leaf[1]).ToLowerInvariant();
        var operand = leaf[2];
        if (!Operators.Contains(op))
        {
            throw OdooException.ValueError($"Invalid leaf {leaf.ToJsonString()}");
        }

        model.ResolvePath(path);
        return record => model.ValuesAt(record, path).Any(v => Match(model.Env, v.Field, v.Value, op, operand));
    }

    private static bool Match(OdooEnv env, FieldDef field, object? value, string op, JsonNode? operand)
    {
        switch (op)
        {
            case "=":
                return EqualsOperand(env, field, value, operand);
            case "!=":
            case "<>":
                return !EqualsOperand(env, field, value, operand);
            case "in":
                return Elements(operand).Any(o => EqualsOperand(env, field, value, o));
            case "not in":
                return !Elements(operand).Any(o => EqualsOperand(env, field, value, o));
            case "like":
            case "ilike":
            case "=like":
            case "=ilike":
                return Like(env, field, value, operand, op);
            case "not like":
            case "not ilike":
                return !Like(env, field, value, operand, op[4..]);
            case "child_of":
            case "parent_of":
                return Hierarchy(env, field, value, operand, op == "child_of");
            default:
                return Order(value, operand, op);
        }
    }

    private static IEnumerable<JsonNode?> Elements(JsonNode? operand) =>
        operand is JsonArray array ? array : [operand];

    private static bool EqualsOperand(OdooEnv env, FieldDef field, object? value, JsonNode? operand)
    {
        if (ValueCodec.IsFalse(operand) && field.Type != FieldType.Boolean)
        {
            return value is null || (value is IReadOnlyCollection<int> list && list.Count == 0) || value is false;
        }

        switch (field.Type)
        {
            case FieldType.Boolean:
                return (value is true) == (operand is JsonValue b && b.GetValueKind() == JsonValueKind.True);
            case FieldType.Many2One:
            case FieldType.One2Many:
            case FieldType.Many2Many:
                if (operand is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                {
                    return Names(env, field, value).Any(n => string.Equals(n, s.GetValue<string>(), StringComparison.Ordinal));
                }

                var id = (int)ValueCodec.Number(operand);
                return value is int single ? single == id : value is IReadOnlyList<int> ids && ids.Contains(id);
            case FieldType.Integer:
            case FieldType.Float:
            case FieldType.Monetary:
                return ToDecimal(value) == ValueCodec.Number(operand);
            default:
                return string.Equals(value as string, ValueCodec.Text(operand), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Names(OdooEnv env, FieldDef field, object? value)
    {
        var ids = value is int one ? [one] : value as IReadOnlyList<int> ?? [];
        var comodel = env.Model(field.Comodel!);
        return ids.Select(i => env.Store.Find(comodel.Name, i)).OfType<OdooRecord>().Select(comodel.DisplayName);
    }

    private static bool Like(OdooEnv env, FieldDef field, object? value, JsonNode? operand, string op)
    {
        var pattern = ValueCodec.Text(operand);
        var insensitive = op.Contains('i', StringComparison.Ordinal);
        var exact = op.StartsWith('=');
        var regex = "^" + (exact ? "" : ".*") + Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + (exact ? "" : ".*") + "$";
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (insensitive ? RegexOptions.IgnoreCase : RegexOptions.None);
        IEnumerable<string> texts = field.IsRelational ? Names(env, field, value) : value is string s ? [s] : [];
        return texts.Any(t => Regex.IsMatch(t, regex, options, TimeSpan.FromSeconds(1)));
    }

    private static bool Hierarchy(OdooEnv env, FieldDef field, object? value, JsonNode? operand, bool childOf)
    {
        var roots = ValueCodec.IdList(operand);
        var ids = value is int one ? [one] : value as IReadOnlyList<int> ?? [];
        var comodel = env.Model(field.Comodel ?? field.OwnerModel);
        var parent = comodel.ParentField ?? throw OdooException.ValueError($"Invalid domain: {comodel.Name} has no hierarchy");
        foreach (var id in ids)
        {
            var chain = new List<int>();
            for (int? cursor = id; cursor is int c && !chain.Contains(c); cursor = env.Store.Find(comodel.Name, c)?.Ref(parent))
            {
                chain.Add(c);
            }

            if (childOf ? chain.Intersect(roots).Any() : roots.Any(r => Ancestors(env, comodel.Name, parent, r).Contains(id)))
            {
                return true;
            }
        }

        return false;
    }

    private static List<int> Ancestors(OdooEnv env, string model, string parent, int id)
    {
        var chain = new List<int>();
        for (int? cursor = id; cursor is int c && !chain.Contains(c); cursor = env.Store.Find(model, c)?.Ref(parent))
        {
            chain.Add(c);
        }

        return chain;
    }

    private static bool Order(object? value, JsonNode? operand, string op)
    {
        int comparison;
        if (value is string s)
        {
            comparison = string.CompareOrdinal(s, ValueCodec.Text(operand));
        }
        else if (value is null || ValueCodec.IsFalse(operand))
        {
            return false;
        }
        else
        {
            comparison = ToDecimal(value).CompareTo(ValueCodec.Number(operand));
        }

        return op switch
        {
            "<" => comparison < 0,
            ">" => comparison > 0,
            "<=" => comparison <= 0,
            _ => comparison >= 0,
        };
    }

    private static decimal ToDecimal(object? value) => value switch
    {
        decimal d => d,
        long l => l,
        int i => i,
        _ => 0m,
    };
}
