namespace RetailSync.Odoo;

/// <summary>Builds Odoo search domains (lists of <c>[field, operator, value]</c> terms and prefix operators).</summary>
public static class OdooDomain
{
    public static object?[] Term(string field, string op, object? value) => [field, op, value];

    public static object?[] Eq(string field, object? value) => [field, "=", value];

    public static object[] In<T>(string field, IEnumerable<T> values) => [field, "in", values.ToArray()];

    /// <summary>An AND of the given terms (Odoo's implicit conjunction).</summary>
    public static object[] And(params object[][] terms) => terms;
}
