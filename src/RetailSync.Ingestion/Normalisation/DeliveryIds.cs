using System.Security.Cryptography;
using RetailSync.Ingestion.Verification;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>Helpers for the ids that make event ids deterministic.</summary>
internal static class DeliveryIds
{
    /// <summary>A stable stand-in id when a channel sends none: the SHA-256 of the exact body (identical redeliveries match).</summary>
    public static string BodyHash(WebhookDelivery delivery) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(delivery.Body.Span));

    public static string RequiredHeader(WebhookDelivery delivery, string name) =>
        delivery.Header(name) ?? throw new PayloadSchemaException("header " + name, "is required");
}
