namespace RetailSync.Odoo;

/// <summary>Quantity of one SKU coming back.</summary>
public sealed record ReturnLineRequest(string Sku, decimal Quantity);
