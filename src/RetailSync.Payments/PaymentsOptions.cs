using RetailSync.Payments.Stripe;

namespace RetailSync.Payments;

/// <summary>The <c>Payments</c> section: one subsection per gateway. A gateway without credentials is not registered.</summary>
public sealed record PaymentsOptions
{
    public const string SectionName = "Payments";

    /// <summary><c>Payments:Stripe</c>.</summary>
    public StripeGatewayOptions Stripe { get; set; } = new();
}
