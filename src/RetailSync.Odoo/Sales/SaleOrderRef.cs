namespace RetailSync.Odoo;

/// <summary>A sale order placed (or found) in Odoo; <see cref="Created"/> is false when it already existed.</summary>
public sealed record SaleOrderRef(long OrderId, string ClientOrderRef, long PartnerId, bool Created)
{
    /// <summary>State when the order was found (<c>draft</c> for a new one).</summary>
    public string State { get; init; } = "draft";
}
