using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.Verification;
using static RetailSync.Ingestion.Normalisation.Payload;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>
/// Stripe events (snapshot payloads): payment intents, charge refunds, disputes and payouts. Amounts come in
/// minor units and become exact decimals by the currency's ISO 4217 exponent. The payment reference is
/// <c>stripe/&lt;PaymentIntent id&gt;</c>; the order comes from the PaymentIntent's metadata:
/// <c>order_key</c> (subject form) or <c>shopify_shop_domain</c> + <c>shopify_order_id</c>.
/// </summary>
public sealed class StripeNormaliser : IWebhookNormaliser
{
    /// <inheritdoc />
    public string Source => WebhookSources.Stripe;

    /// <inheritdoc />
    public WebhookNormalisation Normalise(WebhookDelivery delivery, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        RequireObject(payload, string.Empty);
        var eventId = RequiredString(payload, "id", string.Empty);
        var topic = RequiredString(payload, "type", string.Empty);
        var created = RequiredUnixTime(payload, "created", string.Empty);
        var data = RequiredObject(payload, "data", string.Empty);
        const string objectPath = "data.object";

        NormalisedEvent? single = topic switch
        {
            "payment_intent.succeeded" => Payment(RetailEventTypes.PaymentCaptured, RequiredObject(data, "object", "data"), objectPath, created),
            "payment_intent.payment_failed" => Payment(RetailEventTypes.PaymentFailed, RequiredObject(data, "object", "data"), objectPath, created),
            "charge.refunded" => ChargeRefunded(RequiredObject(data, "object", "data"), objectPath, created),
            "charge.refund.updated" => RefundUpdated(RequiredObject(data, "object", "data"), objectPath, created),
            "charge.dispute.created" => Dispute(RequiredObject(data, "object", "data"), objectPath, created),
            "payout.paid" => Payout(RequiredObject(data, "object", "data"), objectPath, created),
            _ => null,
        };

        return single is null
            ? WebhookNormalisation.UnknownTopic(topic, eventId, eventId)
            : new WebhookNormalisation(topic, eventId, eventId, [single]);
    }

    private static string Reference(string paymentIntentId) => "stripe/" + paymentIntentId;

    private static string? OrderKeyFromMetadata(JsonElement obj, string path)
    {
        var metadata = OptionalObject(obj, "metadata", path);
        if (metadata is not { } found)
        {
            return null;
        }

        var metadataPath = Path(path, "metadata");
        if (OptionalString(found, "order_key", metadataPath) is { } key)
        {
            return BusinessKey.TryParseSubject(key, out var parsed) && parsed.Kind == "order"
                ? parsed.ToSubject()
                : throw new PayloadSchemaException(Path(metadataPath, "order_key"), "must be an order subject (order/<channel>/<key>)");
        }

        var shop = OptionalString(found, "shopify_shop_domain", metadataPath);
        var orderId = OptionalString(found, "shopify_order_id", metadataPath);
        return shop is not null && orderId is not null
            ? new BusinessKey("order", WebhookSources.Shopify, shop.ToLowerInvariant() + "/" + orderId).ToSubject()
            : null;
    }

    /// <summary>
    /// The return a refund belongs to: RetailSync's refunds carry <c>metadata.return_key</c> (a return subject), so
    /// Stripe's webhooks about them route to the return's workflow.
    /// </summary>
    private static string? ReturnKeyFromMetadata(JsonElement obj, string path)
    {
        if (OptionalObject(obj, "metadata", path) is not { } metadata)
        {
            return null;
        }

        var metadataPath = Path(path, "metadata");
        return OptionalString(metadata, "return_key", metadataPath) is { } key
            ? BusinessKey.TryParseSubject(key, out var parsed) && parsed.Kind == "return"
                ? parsed.ToSubject()
                : throw new PayloadSchemaException(Path(metadataPath, "return_key"), "must be a return subject (return/<channel>/<key>)")
            : null;
    }

    private static NormalisedEvent Payment(string type, JsonElement intent, string path, DateTimeOffset created)
    {
        var id = RequiredString(intent, "id", path);
        var currency = RequiredCurrency(intent, "currency", path);
        var minor = type == RetailEventTypes.PaymentCaptured
            ? OptionalLong(intent, "amount_received", path) ?? RequiredLong(intent, "amount", path)
            : RequiredLong(intent, "amount", path);
        var error = OptionalObject(intent, "last_payment_error", path);
        var errorPath = Path(path, "last_payment_error");
        var methodTypes = OptionalArray(intent, "payment_method_types", path).Select(m => m.Item.GetString()).FirstOrDefault();
        var orderKey = OrderKeyFromMetadata(intent, path);
        var reference = Reference(id);
        var data = new PaymentData(
            reference,
            WebhookSources.Stripe,
            CurrencyMinorUnits.ToMajor(minor, currency),
            currency,
            RequiredString(intent, "status", path),
            orderKey,
            error is { } e && OptionalObject(e, "payment_method", errorPath) is { } method ? OptionalString(method, "type", Path(errorPath, "payment_method")) : methodTypes,
            error is { } e1 ? OptionalString(e1, "decline_code", errorPath) ?? OptionalString(e1, "code", errorPath) : null,
            error is { } e2 ? OptionalString(e2, "message", errorPath) : null,
            created);
        return new NormalisedEvent(type, new BusinessKey("payment", WebhookSources.Stripe, id), data, created, Version(created), orderKey, PaymentReference: reference);
    }

    private static NormalisedEvent ChargeRefunded(JsonElement charge, string path, DateTimeOffset created)
    {
        var chargeId = RequiredString(charge, "id", path);
        var currency = RequiredCurrency(charge, "currency", path);
        var intent = OptionalString(charge, "payment_intent", path);
        var reference = intent is null ? null : Reference(intent);
        var orderKey = OrderKeyFromMetadata(charge, path);

        // Newer API versions leave the refunds list out; then the charge itself is the refund's key and the amount is the total refunded.
        var refunds = OptionalObject(charge, "refunds", path) is { } list ? OptionalArray(list, "data", Path(path, "refunds")).ToArray() : [];
        string key;
        decimal amount;
        string status;
        string? reason = null;
        var returnKey = ReturnKeyFromMetadata(charge, path);
        if (refunds.Length > 0)
        {
            var (latest, latestPath) = refunds[0];
            returnKey = ReturnKeyFromMetadata(latest, latestPath) ?? returnKey;
            key = RequiredString(latest, "id", latestPath);
            amount = CurrencyMinorUnits.ToMajor(RequiredLong(latest, "amount", latestPath), currency);
            status = OptionalString(latest, "status", latestPath) ?? "succeeded";
            reason = OptionalString(latest, "reason", latestPath);
        }
        else
        {
            key = chargeId;
            amount = CurrencyMinorUnits.ToMajor(RequiredLong(charge, "amount_refunded", path), currency);
            status = "succeeded";
        }

        var subject = new BusinessKey("refund", WebhookSources.Stripe, key);
        var data = new RefundData(subject.ToSubject(), WebhookSources.Stripe, key, orderKey, reference, amount, currency, status, reason, [], created);
        return new NormalisedEvent(RetailEventTypes.RefundIssued, subject, data, created, Version(created), orderKey, returnKey, reference);
    }

    private static NormalisedEvent RefundUpdated(JsonElement refund, string path, DateTimeOffset created)
    {
        var id = RequiredString(refund, "id", path);
        var currency = RequiredCurrency(refund, "currency", path);
        var intent = OptionalString(refund, "payment_intent", path);
        var reference = intent is null ? null : Reference(intent);
        var orderKey = OrderKeyFromMetadata(refund, path);
        var subject = new BusinessKey("refund", WebhookSources.Stripe, id);
        var data = new RefundData(
            subject.ToSubject(),
            WebhookSources.Stripe,
            id,
            orderKey,
            reference,
            CurrencyMinorUnits.ToMajor(RequiredLong(refund, "amount", path), currency),
            currency,
            RequiredString(refund, "status", path),
            OptionalString(refund, "reason", path),
            [],
            created);
        return new NormalisedEvent(RetailEventTypes.RefundUpdated, subject, data, created, Version(created), orderKey, ReturnKeyFromMetadata(refund, path), reference);
    }

    private static NormalisedEvent Dispute(JsonElement dispute, string path, DateTimeOffset created)
    {
        var id = RequiredString(dispute, "id", path);
        var currency = RequiredCurrency(dispute, "currency", path);
        var intent = OptionalString(dispute, "payment_intent", path);
        var reference = intent is null ? null : Reference(intent);
        var data = new DisputeData(
            id,
            reference,
            CurrencyMinorUnits.ToMajor(RequiredLong(dispute, "amount", path), currency),
            currency,
            RequiredString(dispute, "reason", path),
            RequiredString(dispute, "status", path),
            created);
        var subject = intent is null ? new BusinessKey("dispute", WebhookSources.Stripe, id) : new BusinessKey("payment", WebhookSources.Stripe, intent);
        return new NormalisedEvent(RetailEventTypes.PaymentDisputed, subject, data, created, Version(created), PaymentReference: reference);
    }

    private static NormalisedEvent Payout(JsonElement payout, string path, DateTimeOffset created)
    {
        var id = RequiredString(payout, "id", path);
        var currency = RequiredCurrency(payout, "currency", path);
        var arrival = OptionalLong(payout, "arrival_date", path);
        var subject = new BusinessKey("payout", WebhookSources.Stripe, id);
        var data = new PayoutData(
            subject.ToSubject(),
            WebhookSources.Stripe,
            id,
            CurrencyMinorUnits.ToMajor(RequiredLong(payout, "amount", path), currency),
            currency,
            RequiredString(payout, "status", path),
            arrival is { } seconds ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime) : null,
            created);
        return new NormalisedEvent(RetailEventTypes.PayoutPaid, subject, data, created, Version(created));
    }
}
