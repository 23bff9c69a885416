namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>A stock move: demand, quantity (reserved or done), state and locations (complete names).</summary>
public sealed record OdooMoveView(
    int Id,
    int ProductId,
    string? Sku,
    decimal Demand,
    decimal Quantity,
    bool Picked,
    string State,
    string SourceLocation,
    string DestinationLocation,
    bool Scrapped);
