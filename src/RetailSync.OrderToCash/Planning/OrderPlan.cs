using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Planning;

/// <summary>A channel order translated for Odoo: the sale order request and the SKUs to resolve first.</summary>
/// <param name="Order">The sale order to place.</param>
/// <param name="Skus">Every distinct SKU of its lines (shipping excluded: the client resolves that one).</param>
public sealed record OrderPlan(SaleOrderRequest Order, IReadOnlyList<string> Skus);
