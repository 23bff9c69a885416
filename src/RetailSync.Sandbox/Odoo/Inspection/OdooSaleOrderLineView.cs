namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>A sale order line: product, ordered, delivered and invoiced quantities.</summary>
public sealed record OdooSaleOrderLineView(
    int Id,
    int? ProductId,
    string? Sku,
    string Name,
    decimal Quantity,
    decimal PriceUnit,
    decimal Discount,
    decimal PriceSubtotal,
    decimal QtyDelivered,
    decimal QtyInvoiced,
    string InvoiceStatus);
