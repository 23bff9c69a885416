using RetailSync.Odoo;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>What the return needs to know of its order, as Odoo and the ledgers hold it when the return is checked.</summary>
/// <param name="OrderKey">Subject form of the order.</param>
/// <param name="SaleOrderId">Odoo <c>sale.order</c> id.</param>
/// <param name="SaleOrderName">Odoo's name for it (<c>S00042</c>).</param>
/// <param name="State">The sale order's state.</param>
/// <param name="LastDeliveredAt">When the last delivery was validated (the return window starts there).</param>
/// <param name="Lines">Ordered, delivered and already returned units per SKU (this return's own transfer excluded).</param>
/// <param name="InvoiceId">The posted customer invoice, when there is one.</param>
/// <param name="Invoiced">What the invoice charged per SKU, tax included (the refund's prices).</param>
/// <param name="PaymentReferences">Gateway payment references linked to the order (<c>stripe/pi_...</c>).</param>
public sealed record OrderContext(
    string OrderKey,
    long SaleOrderId,
    string SaleOrderName,
    string State,
    DateTimeOffset? LastDeliveredAt,
    IReadOnlyList<ReturnableLine> Lines,
    long? InvoiceId,
    IReadOnlyList<InvoicedSku> Invoiced,
    IReadOnlyList<string> PaymentReferences);
