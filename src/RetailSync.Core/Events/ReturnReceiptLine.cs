namespace RetailSync.Events;

/// <summary>Units of one SKU received back, with the inspection result and where they go.</summary>
/// <param name="Sku">The stock keeping unit.</param>
/// <param name="Quantity">Units received with this result.</param>
/// <param name="Inspection">What inspection found.</param>
/// <param name="Disposition">Where the units go.</param>
/// <param name="Note">The inspector's note, when any.</param>
public sealed record ReturnReceiptLine(string Sku, int Quantity, InspectionResult Inspection, ReturnDisposition Disposition, string? Note = null);
