namespace RetailSync.Odoo;

/// <summary>What Odoo holds about a sale order: states, amounts, pickings and invoices.</summary>
public sealed record SaleOrderStatus(
    long OrderId,
    string Name,
    string State,
    string InvoiceStatus,
    string? DeliveryStatus,
    decimal AmountUntaxed,
    decimal AmountTax,
    decimal AmountTotal,
    IReadOnlyList<long> PickingIds,
    IReadOnlyList<long> InvoiceIds)
{
    public string? ClientOrderRef { get; init; }
}
