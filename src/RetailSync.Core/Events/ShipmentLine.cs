namespace RetailSync.Events;

/// <summary>Units of one SKU in a shipment.</summary>
/// <param name="Sku">The stock keeping unit.</param>
/// <param name="Quantity">Units shipped.</param>
/// <param name="LineId">The order line's channel id, when the channel gives it.</param>
public sealed record ShipmentLine(string? Sku, int Quantity, string? LineId = null);
