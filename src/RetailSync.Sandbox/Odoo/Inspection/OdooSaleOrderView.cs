namespace RetailSync.Sandbox.Odoo.Inspection;

/// <summary>A sale order as the sandbox holds it, with its lines, deliveries and invoices.</summary>
public sealed record OdooSaleOrderView(
    int Id,
    string Name,
    string State,
    int PartnerId,
    string? ClientOrderRef,
    decimal AmountUntaxed,
    decimal AmountTax,
    decimal AmountTotal,
    string InvoiceStatus,
    string? DeliveryStatus,
    IReadOnlyList<OdooSaleOrderLineView> Lines,
    IReadOnlyList<int> PickingIds,
    IReadOnlyList<int> InvoiceIds);
