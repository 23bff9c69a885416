using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Input of <see cref="EnsureCustomerActivity"/>.</summary>
public sealed record EnsureCustomerInput(string BusinessKey, CustomerRequest Customer);
