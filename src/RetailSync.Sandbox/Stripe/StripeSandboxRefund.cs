namespace RetailSync.Sandbox.Stripe;

/// <summary>A refund the Stripe sandbox holds (amounts in minor units, as on the wire).</summary>
public sealed record StripeSandboxRefund(string Id, string PaymentIntentId, long Amount, string Currency, string Status, IReadOnlyDictionary<string, string> Metadata, long Created);
