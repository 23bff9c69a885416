namespace RetailSync.Odoo;

/// <summary>Units of one SKU received back with one disposition.</summary>
public sealed record ReceivedReturnLine(string Sku, decimal Quantity, ReturnDisposition Disposition);
