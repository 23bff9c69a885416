using System.Globalization;
using System.Text;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>Python-style rendering of values, for error messages that quote them as Odoo does (repr).</summary>
internal static class Py
{
    public static string Repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => Quote(s),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "None",
    };

    public static string Quote(string value)
    {
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                    break;
            }
        }

        return builder.Append(quote).ToString();
    }

    /// <summary>The recordset repr Odoo prints in messages: <c>sale.order(7,)</c> or <c>sale.order(7, 8)</c>.</summary>
    public static string Recordset(string model, IReadOnlyCollection<int> ids) =>
        ids.Count == 1
            ? $"{model}({ids.First().ToString(CultureInfo.InvariantCulture)},)"
            : $"{model}({string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";
}
