namespace RetailSync.OrderToCash.Activities;

/// <summary>Input of a step on an Odoo record of one channel order: the order's business key and the Odoo id.</summary>
/// <param name="BusinessKey">Subject form of the channel order (<c>order/shopify/...</c>), for cross-references.</param>
/// <param name="OdooId">The Odoo record the step acts on (sale order or invoice id).</param>
public sealed record OrderStepInput(string BusinessKey, long OdooId);
