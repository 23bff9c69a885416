using RetailSync.Odoo;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="RegisterRefundActivity"/>: the money paid back against a posted credit note.</summary>
public sealed record RegisterRefundInput(string ReturnKey, PaymentRequest Payment);
