using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.Verification;
using static RetailSync.Ingestion.Normalisation.Payload;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>
/// Loop returns webhooks (topic <c>return</c>; triggers <c>return.created</c>, <c>return.updated</c>,
/// <c>return.closed</c>, <c>restock.requested</c>). Returns are <c>return/loop/&lt;id&gt;</c>; when
/// <c>Webhooks:Loop:ShopDomain</c> is set, <c>provider_order_id</c> links them to <c>order/shopify/&lt;shop&gt;/&lt;id&gt;</c>.
/// Loop sends no event id header, so the event id is <c>&lt;trigger&gt;/&lt;return id&gt;/&lt;updated_at&gt;</c>.
/// </summary>
public sealed class LoopNormaliser(WebhookOptions options) : IWebhookNormaliser
{
    private readonly string? _shopDomain = options?.Loop.ShopDomain?.ToLowerInvariant();

    /// <inheritdoc />
    public string Source => WebhookSources.Loop;

    /// <inheritdoc />
    public WebhookNormalisation Normalise(WebhookDelivery delivery, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        RequireObject(payload, string.Empty);
        var trigger = RequiredString(payload, "trigger", string.Empty);
        var type = trigger switch
        {
            "return.created" => RetailEventTypes.ReturnAuthorized,
            "return.updated" => RetailEventTypes.ReturnUpdated,
            "return.closed" => RetailEventTypes.ReturnClosed,
            "restock.requested" => RetailEventTypes.StockAdjusted,
            _ => null,
        };
        if (type is null)
        {
            var unknownId = DeliveryIds.BodyHash(delivery);
            return WebhookNormalisation.UnknownTopic(trigger, unknownId, unknownId);
        }

        var id = RequiredId(payload, "id", string.Empty);
        var updatedAt = OptionalInstant(payload, "updated_at", string.Empty) ?? RequiredInstant(payload, "created_at", string.Empty);
        var sourceEventId = $"{trigger}/{id}/{Version(updatedAt)}";
        var returnKey = new BusinessKey("return", WebhookSources.Loop, id);
        var providerOrderId = OptionalId(payload, "provider_order_id", string.Empty);
        var orderKey = providerOrderId is not null && _shopDomain is not null
            ? new BusinessKey("order", WebhookSources.Shopify, _shopDomain + "/" + providerOrderId).ToSubject()
            : null;

        var lines = RequiredArray(payload, "line_items", string.Empty)
            .Select(l =>
            {
                RequireObject(l.Item, l.Path);
                return new ReturnLine(
                    OptionalId(l.Item, "provider_line_item_id", l.Path) ?? OptionalId(l.Item, "line_item_id", l.Path),
                    OptionalString(l.Item, "sku", l.Path),
                    OptionalInt(l.Item, "quantity", l.Path) is { } q ? (q > 0 ? q : throw new PayloadSchemaException(Path(l.Path, "quantity"), "must be a positive integer")) : 1,
                    OptionalString(l.Item, "return_reason", l.Path) ?? OptionalString(l.Item, "parent_return_reason", l.Path),
                    OptionalDecimal(l.Item, "refund", l.Path) ?? OptionalDecimal(l.Item, "price", l.Path));
            })
            .ToArray();

        NormalisedEvent single;
        if (type == RetailEventTypes.StockAdjusted)
        {
            var adjustment = new BusinessKey("stock", WebhookSources.Loop, $"{id}/{Version(updatedAt)}");
            var stockLines = lines
                .Select((line, index) => line.Sku is { } sku ? new StockAdjustmentLine(sku, line.Quantity) : throw new PayloadSchemaException(Index("line_items", index) + ".sku", "is required to restock"))
                .ToArray();
            var data = new StockAdjustmentData(adjustment.ToSubject(), WebhookSources.Loop, adjustment.Key, OptionalId(payload, "location_id", string.Empty), "restock", stockLines, returnKey.ToSubject(), updatedAt);
            single = new NormalisedEvent(type, adjustment, data, updatedAt, Version(updatedAt), orderKey, returnKey.ToSubject());
        }
        else
        {
            var currency = OptionalString(payload, "currency", string.Empty) is not null ? RequiredCurrency(payload, "currency", string.Empty) : null;
            var data = new ReturnData(
                returnKey.ToSubject(),
                WebhookSources.Loop,
                id,
                orderKey,
                OptionalString(payload, "state", string.Empty) ?? trigger[(trigger.IndexOf('.', StringComparison.Ordinal) + 1)..],
                currency,
                OptionalDecimal(payload, "refund", string.Empty) ?? OptionalDecimal(payload, "total", string.Empty),
                lines,
                updatedAt);
            single = new NormalisedEvent(type, returnKey, data, updatedAt, Version(updatedAt), orderKey, returnKey.ToSubject());
        }

        return new WebhookNormalisation(trigger, sourceEventId, sourceEventId, [single]);
    }
}
