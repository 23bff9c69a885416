namespace RetailSync.ReturnToRefund.Tests.Support;

/// <summary>A Shopify order that order-to-cash carried to delivered, invoiced and paid (through the Stripe sandbox).</summary>
public sealed record DeliveredOrder(string OrderKey, string InstanceId, string PaymentReference, string PaymentIntentId, long SaleOrderId, long InvoiceId, decimal Total);
