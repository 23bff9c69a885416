namespace RetailSync.Events;

/// <summary>A stock change for one SKU.</summary>
/// <param name="Sku">The stock keeping unit.</param>
/// <param name="QuantityDelta">Units added (positive) or removed (negative).</param>
/// <param name="QuantityOnHand">Units on hand after the change, when the channel reports it.</param>
public sealed record StockAdjustmentLine(string Sku, int QuantityDelta, int? QuantityOnHand = null);
