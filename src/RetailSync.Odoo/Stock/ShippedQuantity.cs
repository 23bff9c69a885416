namespace RetailSync.Odoo;

/// <summary>Quantity of one SKU the warehouse shipped.</summary>
public sealed record ShippedQuantity(string Sku, decimal Quantity);
