using RetailSync.Events;

namespace RetailSync.ReturnToRefund.Planning;

/// <summary>Units of one SKU to refund, with what inspection found when it is known (null before receipt).</summary>
public sealed record RefundUnit(string Sku, int Quantity, InspectionResult? Inspection);
