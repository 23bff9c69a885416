using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.Verification;
using static RetailSync.Ingestion.Normalisation.Payload;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>The envelope and shared payloads of RetailSync's Standard Webhooks sources (warehouse, POS); see docs/ingestion.md.</summary>
internal static class StandardWebhooksPayloads
{
    /// <summary>Reads <c>{"type", "timestamp", "data"}</c> and the <c>webhook-id</c> header (the event id, stable across retries).</summary>
    public static (string Type, DateTimeOffset Timestamp, JsonElement Data, string MessageId) Envelope(WebhookDelivery delivery, JsonElement payload)
    {
        RequireObject(payload, string.Empty);
        var messageId = DeliveryIds.RequiredHeader(delivery, StandardWebhooksVerifier.IdHeader);
        var type = RequiredString(payload, "type", string.Empty);
        var timestamp = RequiredInstant(payload, "timestamp", string.Empty);
        var data = Optional(payload, "data") ?? default;
        return (type, timestamp, data, messageId);
    }

    public static NormalisedEvent StockAdjusted(string channel, JsonElement data, DateTimeOffset timestamp)
    {
        const string path = "data";
        var id = RequiredId(data, "adjustment_id", path);
        var location = RequiredString(data, "location", path);
        var lines = RequiredArray(data, "lines", path)
            .Select(l =>
            {
                RequireObject(l.Item, l.Path);
                var delta = RequiredInt(l.Item, "quantity_delta", l.Path);
                return delta == 0
                    ? throw new PayloadSchemaException(Path(l.Path, "quantity_delta"), "must not be zero")
                    : new StockAdjustmentLine(RequiredString(l.Item, "sku", l.Path), delta, OptionalInt(l.Item, "quantity_on_hand", l.Path));
            })
            .ToArray();
        if (lines.Length == 0)
        {
            throw new PayloadSchemaException("data.lines", "must not be empty");
        }

        var occurredAt = OptionalInstant(data, "adjusted_at", path) ?? timestamp;
        var subject = new BusinessKey("stock", channel, location + "/" + id);
        var returnKey = SubjectOf(data, "return_key", path, "return");
        var adjustment = new StockAdjustmentData(subject.ToSubject(), channel, id, location, RequiredString(data, "reason", path), lines, returnKey, occurredAt);
        return new NormalisedEvent(RetailEventTypes.StockAdjusted, subject, adjustment, occurredAt, Version(occurredAt), ReturnKey: returnKey);
    }

    /// <summary>An optional field holding a business key in subject form of the given kind.</summary>
    public static string? SubjectOf(JsonElement data, string name, string path, string kind)
    {
        var text = OptionalString(data, name, path);
        if (text is null)
        {
            return null;
        }

        return BusinessKey.TryParseSubject(text, out var key) && key.Kind == kind
            ? key.ToSubject()
            : throw new PayloadSchemaException(Path(path, name), $"must be a {kind} subject ({kind}/<channel>/<key>)");
    }
}
