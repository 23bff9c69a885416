namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>Units of one SKU covered by a refund, and their gross value (tax included).</summary>
public sealed record RefundedLine(string Sku, int Quantity, decimal Amount);
