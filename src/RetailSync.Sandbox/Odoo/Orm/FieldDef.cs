namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>
/// One field of a sandbox model. Stored fields live in the record; computed ones are evaluated on read
/// and in domains; delegated ones (<see cref="DelegateVia"/>) live on a parent record, as
/// product.product's template fields live on product.template.
/// </summary>
internal sealed class FieldDef
{
    public required string Name { get; init; }

    public required FieldType Type { get; init; }

    public required string OwnerModel { get; init; }

    public string Label { get; init; } = "";

    public string? Comodel { get; init; }

    /// <summary>For one2many fields: the many2one on the comodel that points back.</summary>
    public string? Inverse { get; init; }

    public IReadOnlyList<string>? Selection { get; init; }

    public bool Required { get; init; }

    public bool Readonly { get; init; }

    public Func<OdooRecord, object?>? Compute { get; init; }

    public Func<CallContext, object?>? Default { get; init; }

    /// <summary>A many2one on this model whose target record actually stores this field.</summary>
    public string? DelegateVia { get; init; }

    public bool IsRelational => Type is FieldType.Many2One or FieldType.One2Many or FieldType.Many2Many;

    public bool IsX2Many => Type is FieldType.One2Many or FieldType.Many2Many;

    public bool IsStored => Compute is null && Type != FieldType.One2Many && DelegateVia is null;

    public string TypeName => Type switch
    {
        FieldType.Many2One => "many2one",
        FieldType.One2Many => "one2many",
        FieldType.Many2Many => "many2many",
        _ => Type.ToString().ToLowerInvariant(),
    };
}
