namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>
/// A public method of a model: whether it runs on records (<c>ids</c> first) or on the model
/// (<c>@api.model</c>), its parameter names in Python order, and its implementation.
/// </summary>
internal sealed record MethodSpec(string Name, bool OnRecords, IReadOnlyList<string> Parameters, Func<MethodCall, object?> Invoke)
{
    public IReadOnlySet<string> RequiredParameters { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
