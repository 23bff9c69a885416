namespace RetailSync.Odoo.Caching;

/// <summary>The warehouse and its main stock location (<c>lot_stock_id</c>).</summary>
internal sealed record OdooWarehouse(long Id, long StockLocationId);
