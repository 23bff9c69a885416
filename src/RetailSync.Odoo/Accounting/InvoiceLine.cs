namespace RetailSync.Odoo;

/// <summary>A product line of an invoice or credit note: SKU (null without product), quantity, unit price and totals before and with tax.</summary>
public sealed record InvoiceLine(long LineId, string? Sku, decimal Quantity, decimal PriceUnit, decimal PriceSubtotal, decimal PriceTotal);
