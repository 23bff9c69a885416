namespace RetailSync.Odoo;

/// <summary>Quantity of one SKU to credit.</summary>
public sealed record CreditNoteLine(string Sku, decimal Quantity);
