namespace RetailSync.Odoo;

/// <summary>One or more SKUs have no product in Odoo. Lists every unknown SKU of the request at once.</summary>
public sealed class OdooUnknownProductsException : OdooBusinessException
{
    public OdooUnknownProductsException()
    {
    }

    public OdooUnknownProductsException(string message)
        : base(message)
    {
    }

    public OdooUnknownProductsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public OdooUnknownProductsException(IReadOnlyList<string> unknownSkus)
        : base(FormatMessage(unknownSkus))
    {
        UnknownSkus = unknownSkus;
    }

    /// <summary>Every SKU of the request that Odoo does not know, in request order.</summary>
    public IReadOnlyList<string> UnknownSkus { get; } = [];

    private static string FormatMessage(IReadOnlyList<string> unknownSkus)
    {
        ArgumentNullException.ThrowIfNull(unknownSkus);
        return $"Unknown SKU(s) in Odoo: {string.Join(", ", unknownSkus)}.";
    }
}
