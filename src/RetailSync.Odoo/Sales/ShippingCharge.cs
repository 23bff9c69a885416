namespace RetailSync.Odoo;

/// <summary>Shipping billed to the customer, added as a service line (product <see cref="Sku"/> or the configured shipping SKU).</summary>
public sealed record ShippingCharge(decimal Amount)
{
    public string? Sku { get; init; }

    public string? Description { get; init; }
}
