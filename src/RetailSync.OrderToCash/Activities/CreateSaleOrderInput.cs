using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Input of <see cref="CreateSaleOrderActivity"/>.</summary>
public sealed record CreateSaleOrderInput(string BusinessKey, SaleOrderRequest Order);
