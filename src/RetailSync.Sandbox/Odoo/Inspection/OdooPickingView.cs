namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>A transfer (delivery, receipt or return) with its moves and locations (complete names).</summary>
public sealed record OdooPickingView(
    int Id,
    string Name,
    string State,
    string PickingTypeCode,
    string? Origin,
    int? SaleId,
    int? BackorderId,
    int? ReturnId,
    string? CarrierTrackingRef,
    string SourceLocation,
    string DestinationLocation,
    IReadOnlyList<OdooMoveView> Moves);
