using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.Verification;
using static RetailSync.Ingestion.Normalisation.Payload;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>
/// The 3PL warehouse (Standard Webhooks): <c>shipment.dispatched</c>, <c>shipment.delivered</c>,
/// <c>return.received</c> and <c>stock.adjusted</c>, as documented in docs/ingestion.md.
/// </summary>
public sealed class WarehouseNormaliser : IWebhookNormaliser
{
    /// <inheritdoc />
    public string Source => WebhookSources.Warehouse;

    /// <inheritdoc />
    public WebhookNormalisation Normalise(WebhookDelivery delivery, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (type, timestamp, _, messageId) = StandardWebhooksPayloads.Envelope(delivery, payload);
        NormalisedEvent? single = type switch
        {
            "shipment.dispatched" => Shipment(RetailEventTypes.ShipmentDispatched, RequiredObject(payload, "data", string.Empty), timestamp),
            "shipment.delivered" => Shipment(RetailEventTypes.ShipmentDelivered, RequiredObject(payload, "data", string.Empty), timestamp),
            "return.received" => ReturnReceived(RequiredObject(payload, "data", string.Empty), timestamp),
            "stock.adjusted" => StandardWebhooksPayloads.StockAdjusted(WebhookSources.Warehouse, RequiredObject(payload, "data", string.Empty), timestamp),
            _ => null,
        };
        return single is null
            ? WebhookNormalisation.UnknownTopic(type, messageId, messageId)
            : new WebhookNormalisation(type, messageId, messageId, [single]);
    }

    private static NormalisedEvent Shipment(string type, JsonElement data, DateTimeOffset timestamp)
    {
        const string path = "data";
        var id = RequiredId(data, "shipment_id", path);
        var orderKey = StandardWebhooksPayloads.SubjectOf(data, "order_key", path, "order")
            ?? throw new PayloadSchemaException("data.order_key", "is required");
        var delivered = type == RetailEventTypes.ShipmentDelivered;
        var occurredAt = OptionalInstant(data, delivered ? "delivered_at" : "dispatched_at", path) ?? timestamp;
        var linesSource = delivered ? OptionalArray(data, "lines", path) : RequiredArray(data, "lines", path);
        var lines = linesSource
            .Select(l => new ShipmentLine(RequiredString(RequireObject(l.Item, l.Path), "sku", l.Path), RequiredPositiveInt(l.Item, "quantity", l.Path), OptionalId(l.Item, "line_id", l.Path)))
            .ToArray();
        if (!delivered && lines.Length == 0)
        {
            throw new PayloadSchemaException("data.lines", "must not be empty");
        }

        var tracking = OptionalArray(data, "tracking_numbers", path)
            .Select(t => t.Item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(t.Item.GetString()) ? t.Item.GetString()! : throw new PayloadSchemaException(t.Path, "must be a non-empty string"))
            .ToArray();
        var subject = new BusinessKey("shipment", WebhookSources.Warehouse, id);
        var shipment = new ShipmentData(
            subject.ToSubject(),
            WebhookSources.Warehouse,
            id,
            orderKey,
            delivered ? "delivered" : "dispatched",
            OptionalString(data, "carrier", path),
            OptionalString(data, "service", path),
            tracking,
            OptionalString(data, "tracking_url", path),
            OptionalBool(data, "partial", path),
            lines,
            occurredAt);
        return new NormalisedEvent(type, subject, shipment, occurredAt, Version(occurredAt), orderKey);
    }

    private static NormalisedEvent ReturnReceived(JsonElement data, DateTimeOffset timestamp)
    {
        const string path = "data";
        var receiptId = RequiredId(data, "receipt_id", path);
        var returnKey = StandardWebhooksPayloads.SubjectOf(data, "return_key", path, "return")
            ?? throw new PayloadSchemaException("data.return_key", "is required");
        var orderKey = StandardWebhooksPayloads.SubjectOf(data, "order_key", path, "order");
        var receivedAt = OptionalInstant(data, "received_at", path) ?? timestamp;
        var lines = RequiredArray(data, "lines", path)
            .Select(l =>
            {
                RequireObject(l.Item, l.Path);
                return new ReturnReceiptLine(
                    RequiredString(l.Item, "sku", l.Path),
                    RequiredPositiveInt(l.Item, "quantity", l.Path),
                    RequiredEnum<InspectionResult>(l.Item, "inspection", l.Path),
                    RequiredEnum<ReturnDisposition>(l.Item, "disposition", l.Path),
                    OptionalString(l.Item, "note", l.Path));
            })
            .ToArray();
        if (lines.Length == 0)
        {
            throw new PayloadSchemaException("data.lines", "must not be empty");
        }

        if (!BusinessKey.TryParseSubject(returnKey, out var subject))
        {
            throw new PayloadSchemaException("data.return_key", "must be a return subject");
        }

        var receipt = new ReturnReceiptData(returnKey, WebhookSources.Warehouse, receiptId, orderKey, OptionalString(data, "location", path), lines, receivedAt);
        return new NormalisedEvent(RetailEventTypes.ReturnReceived, subject, receipt, receivedAt, Version(receivedAt), orderKey, returnKey);
    }
}
