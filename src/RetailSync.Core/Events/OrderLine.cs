namespace RetailSync.Events;

/// <summary>One line of an order. Amounts are in the order's currency.</summary>
/// <param name="LineId">The channel's line id (stable across updates of the order).</param>
/// <param name="Sku">The stock keeping unit, when the product has one.</param>
/// <param name="Title">What the customer saw.</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="UnitPrice">Price of one unit before discounts, tax-inclusive when the order says so.</param>
/// <param name="DiscountAmount">Total discount allocated to this line (all units).</param>
/// <param name="TaxAmount">Total tax on this line (all units).</param>
/// <param name="ProductId">The channel's product id.</param>
/// <param name="VariantId">The channel's variant id.</param>
public sealed record OrderLine(
    string LineId,
    string? Sku,
    string Title,
    int Quantity,
    decimal UnitPrice,
    decimal DiscountAmount,
    decimal TaxAmount,
    string? ProductId = null,
    string? VariantId = null);
