namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>Stock of one product in one location (complete name).</summary>
public sealed record OdooQuantView(int ProductId, string? Sku, int LocationId, string Location, decimal Quantity, decimal ReservedQuantity);
