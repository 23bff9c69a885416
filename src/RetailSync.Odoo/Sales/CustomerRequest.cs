namespace RetailSync.Odoo;

/// <summary>
/// A channel's customer. Found in Odoo by the partner reference <c>{Channel}:{ChannelCustomerId}</c> or by e-mail,
/// created with its addresses when absent (the shipping address as a delivery contact when it differs).
/// </summary>
public sealed record CustomerRequest(string Channel, string ChannelCustomerId, string Name)
{
    public string? Email { get; init; }

    public string? Phone { get; init; }

    public PostalAddress? BillingAddress { get; init; }

    public PostalAddress? ShippingAddress { get; init; }

    /// <summary>The <c>ref</c> stored on the Odoo partner.</summary>
    public string PartnerReference => $"{Channel}:{ChannelCustomerId}";
}
