using RetailSync.Odoo;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="ReceiveReturnActivity"/>: one warehouse receipt, per SKU and disposition.</summary>
public sealed record ReceiveReturnInput(string ReturnKey, ReceiveReturnLinesRequest Request);
