namespace RetailSync.Odoo;

/// <summary>
/// Units of one SKU of a sale order: ordered, delivered (done outgoing moves) and returned (return transfers not
/// cancelled: done quantities of done ones, planned quantities of open ones).
/// </summary>
public sealed record ReturnableLine(string Sku, decimal Ordered, decimal Delivered, decimal Returned)
{
    /// <summary>Units that may still come back.</summary>
    public decimal Returnable => Math.Max(0, Delivered - Returned);
}
