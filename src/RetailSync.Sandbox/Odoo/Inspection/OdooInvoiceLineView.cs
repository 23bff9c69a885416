namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>An invoice line: product, quantity, price and the sale lines it invoices.</summary>
public sealed record OdooInvoiceLineView(
    int Id,
    int? ProductId,
    string? Sku,
    decimal Quantity,
    decimal PriceUnit,
    decimal Discount,
    decimal PriceSubtotal,
    IReadOnlyList<int> SaleLineIds);
