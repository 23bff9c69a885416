namespace RetailSync.Odoo;

/// <summary>What of a sale order can still come back: per SKU ordered, delivered and returned units, and the last delivery.</summary>
/// <param name="OrderId">The <c>sale.order</c> id.</param>
/// <param name="OrderName">Its name (<c>S00042</c>).</param>
/// <param name="State">Its state (<c>sale</c>, <c>cancel</c>, ...).</param>
/// <param name="LastDeliveredAt">When the last delivery was validated (<c>date_done</c>), null when nothing was delivered.</param>
/// <param name="Lines">One line per SKU, SKUs in ordinal order.</param>
public sealed record ReturnableQuantities(long OrderId, string OrderName, string State, DateTimeOffset? LastDeliveredAt, IReadOnlyList<ReturnableLine> Lines);
