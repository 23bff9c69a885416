namespace RetailSync.Odoo;

/// <summary>
/// One call of a model method. <see cref="Arguments"/> are positional on JSON-RPC (after the ids) and named on
/// JSON-2, so each argument carries the Python parameter name.
/// </summary>
/// <param name="Model">Technical model name, e.g. <c>sale.order</c>.</param>
/// <param name="Method">Public method name; names starting with '_' are refused by Odoo.</param>
public sealed record OdooRequest(string Model, string Method)
{
    /// <summary>Record ids the method runs on; null for <c>@api.model</c> methods such as <c>create</c> or <c>search_read</c>.</summary>
    public IReadOnlyList<long>? Ids { get; init; }

    /// <summary>Arguments in signature order, with their parameter names.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Arguments { get; init; } = [];

    /// <summary>Keyword-only arguments (kwargs).</summary>
    public IReadOnlyDictionary<string, object?>? Keywords { get; init; }

    /// <summary>Context of the call (wizards, <c>disable_cancel_warning</c>, ...).</summary>
    public IReadOnlyDictionary<string, object?>? Context { get; init; }

    /// <summary>
    /// True when the call changes nothing, so the HTTP layer may replay it after a timeout or a 5xx.
    /// Writes are never replayed blindly: the business operations look up before they write again.
    /// </summary>
    public bool ReadOnly { get; init; }
}
