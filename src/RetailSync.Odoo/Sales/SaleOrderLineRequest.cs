namespace RetailSync.Odoo;

/// <summary>One product line: SKU, quantity, the channel's unit price and an optional discount in percent.</summary>
public sealed record SaleOrderLineRequest(string Sku, decimal Quantity, decimal UnitPrice)
{
    /// <summary>Line discount in percent (0-100), Odoo's <c>discount</c>.</summary>
    public decimal DiscountPercent { get; init; }
}
