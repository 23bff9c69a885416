namespace RetailSync.Sandbox.Stripe;

/// <summary>A webhook the Stripe sandbox sent: the event, its type, the last status code (0: no answer) and attempts.</summary>
public sealed record StripeWebhookDelivery(string EventId, string Type, int StatusCode, int Attempts);
