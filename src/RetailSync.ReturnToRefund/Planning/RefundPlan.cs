using RetailSync.ReturnToRefund.Workflow;

namespace RetailSync.ReturnToRefund.Planning;

/// <summary>A refund batch as planned: lines and their gross value, deductions, and what goes back.</summary>
/// <param name="Lines">Per SKU: units and gross value (tax included), SKUs in ordinal order.</param>
/// <param name="Gross">Sum of the lines.</param>
/// <param name="RestockingFee">Kept for restocking.</param>
/// <param name="ShippingFee">Kept for the return label.</param>
/// <param name="Net">What goes back to the customer (never below zero).</param>
public sealed record RefundPlan(IReadOnlyList<RefundedLine> Lines, decimal Gross, decimal RestockingFee, decimal ShippingFee, decimal Net)
{
    public decimal Deductions => Gross - Net;
}
