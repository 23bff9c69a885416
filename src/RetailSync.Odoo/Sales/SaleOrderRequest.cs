namespace RetailSync.Odoo;

/// <summary>
/// A channel order to place in Odoo. Idempotent on <see cref="ClientOrderRef"/> (<c>{Channel}:{ExternalOrderId}</c>):
/// placing the same order twice returns the first one.
/// </summary>
public sealed record SaleOrderRequest(string Channel, string ExternalOrderId, CustomerRequest Customer, IReadOnlyList<SaleOrderLineRequest> Lines)
{
    public ShippingCharge? Shipping { get; init; }

    /// <summary>Overrides <see cref="OdooClientOptions.PricePolicy"/> for this order.</summary>
    public OdooPricePolicy? PricePolicy { get; init; }

    /// <summary>The <c>client_order_ref</c> written on the order and used to find it again.</summary>
    public string ClientOrderRef => $"{Channel}:{ExternalOrderId}";
}
