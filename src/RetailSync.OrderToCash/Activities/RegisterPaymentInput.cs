using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Input of <see cref="RegisterPaymentActivity"/>; <see cref="PaymentReference"/> is <c>stripe/pi_...</c>.</summary>
public sealed record RegisterPaymentInput(string BusinessKey, string PaymentReference, PaymentRequest Payment);
