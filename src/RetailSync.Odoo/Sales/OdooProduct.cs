namespace RetailSync.Odoo;

/// <summary>A product variant as the client caches it (by SKU, i.e. <c>default_code</c>).</summary>
public sealed record OdooProduct(long Id, string Sku, string Name, decimal ListPrice, string Type);
