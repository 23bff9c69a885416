namespace RetailSync.ReturnToRefund.Activities;

/// <summary>What the order's invoice charged for one SKU: units, their total before tax and their total with tax.</summary>
public sealed record InvoicedSku(string Sku, decimal Quantity, decimal Total, decimal Subtotal = 0m);
