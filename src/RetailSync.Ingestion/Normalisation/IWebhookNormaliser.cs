using System.Text.Json;
using RetailSync.Ingestion.Verification;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>Turns one source's verified payloads into canonical events.</summary>
public interface IWebhookNormaliser
{
    /// <summary>The source this normaliser reads.</summary>
    string Source { get; }

    /// <summary>
    /// Reads the delivery. Throws <see cref="PayloadSchemaException"/> naming the field when the payload does not
    /// match its topic's schema; returns <see cref="WebhookNormalisation.UnknownTopic"/> for topics it does not handle.
    /// </summary>
    WebhookNormalisation Normalise(WebhookDelivery delivery, JsonElement payload);
}
