namespace RetailSync.Events;

/// <summary>A shipping charge on an order, in the order's currency.</summary>
/// <param name="Title">The shipping method as shown to the customer.</param>
/// <param name="Code">The carrier or rate code, when known.</param>
/// <param name="Price">Price before discounts, tax-inclusive when the order says so.</param>
/// <param name="DiscountAmount">Discount allocated to shipping.</param>
/// <param name="TaxAmount">Tax on shipping.</param>
public sealed record ShippingLine(string Title, string? Code, decimal Price, decimal DiscountAmount, decimal TaxAmount);
