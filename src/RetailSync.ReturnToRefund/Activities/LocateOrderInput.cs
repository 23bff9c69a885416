namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="LocateOrderActivity"/>: the order of a return, and the return's own reference in Odoo.</summary>
public sealed record LocateOrderInput(string ReturnKey, string OrderKey, string ReturnReference);
