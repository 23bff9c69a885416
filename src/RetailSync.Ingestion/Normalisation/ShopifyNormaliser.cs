using System.Globalization;
using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.Verification;
using static RetailSync.Ingestion.Normalisation.Payload;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>
/// Shopify webhooks (REST payload format): orders, fulfilments, refunds and returns. Business keys are
/// <c>&lt;kind&gt;/shopify/&lt;shop domain&gt;/&lt;id&gt;</c>.
/// </summary>
public sealed class ShopifyNormaliser : IWebhookNormaliser
{
    public const string TopicHeader = "X-Shopify-Topic";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string EventIdHeader = "X-Shopify-Event-Id";
    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";

    /// <inheritdoc />
    public string Source => WebhookSources.Shopify;

    /// <inheritdoc />
    public WebhookNormalisation Normalise(WebhookDelivery delivery, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var topic = DeliveryIds.RequiredHeader(delivery, TopicHeader);
        var shop = DeliveryIds.RequiredHeader(delivery, ShopifyVerifier.ShopDomainHeader).ToLowerInvariant();
        var deliveryId = delivery.Header(WebhookIdHeader) ?? DeliveryIds.BodyHash(delivery);
        var sourceEventId = delivery.Header(EventIdHeader) ?? deliveryId;
        var triggeredAt = TriggeredAt(delivery);
        RequireObject(payload, string.Empty);

        NormalisedEvent? single = topic switch
        {
            "orders/create" => Order(RetailEventTypes.OrderPlaced, shop, payload),
            "orders/updated" or "orders/paid" => Order(RetailEventTypes.OrderUpdated, shop, payload),
            "orders/cancelled" => Order(RetailEventTypes.OrderCancelled, shop, payload),
            "fulfillments/create" => Fulfillment(shop, payload, created: true),
            "fulfillments/update" => Fulfillment(shop, payload, created: false),
            "refunds/create" => Refund(shop, payload),
            "returns/request" => Return(RetailEventTypes.ReturnRequested, shop, payload, triggeredAt),
            "returns/approve" => Return(RetailEventTypes.ReturnAuthorized, shop, payload, triggeredAt),
            "returns/close" => Return(RetailEventTypes.ReturnClosed, shop, payload, triggeredAt),
            _ => null,
        };

        return single is null
            ? WebhookNormalisation.UnknownTopic(topic, deliveryId, sourceEventId)
            : new WebhookNormalisation(topic, deliveryId, sourceEventId, [single]);
    }

    private static DateTimeOffset? TriggeredAt(WebhookDelivery delivery)
    {
        var text = delivery.Header(TriggeredAtHeader);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private static string OrderKey(string shop, string orderId) => new BusinessKey("order", WebhookSources.Shopify, shop + "/" + orderId).ToSubject();

    private static NormalisedEvent Order(string type, string shop, JsonElement order)
    {
        var id = RequiredId(order, "id", string.Empty);
        var currency = RequiredCurrency(order, "currency", string.Empty);
        var taxesIncluded = OptionalBool(order, "taxes_included", string.Empty);
        var createdAt = RequiredInstant(order, "created_at", string.Empty);
        var updatedAt = OptionalInstant(order, "updated_at", string.Empty) ?? createdAt;

        var lines = new List<OrderLine>();
        foreach (var (line, path) in RequiredArray(order, "line_items", string.Empty))
        {
            RequireObject(line, path);
            var lineDiscount = OptionalDecimal(line, "total_discount", path) ?? 0m;
            var allocated = OptionalArray(line, "discount_allocations", path).Sum(a => RequiredDecimal(a.Item, "amount", a.Path));
            lines.Add(new OrderLine(
                RequiredId(line, "id", path),
                OptionalString(line, "sku", path),
                OptionalString(line, "title", path) ?? OptionalString(line, "name", path) ?? string.Empty,
                RequiredPositiveInt(line, "quantity", path),
                RequiredDecimal(line, "price", path),
                Math.Max(lineDiscount, allocated),
                OptionalArray(line, "tax_lines", path).Sum(t => RequiredDecimal(t.Item, "price", t.Path)),
                OptionalId(line, "product_id", path),
                OptionalId(line, "variant_id", path)));
        }

        var shipping = new List<ShippingLine>();
        foreach (var (line, path) in OptionalArray(order, "shipping_lines", string.Empty))
        {
            RequireObject(line, path);
            shipping.Add(new ShippingLine(
                OptionalString(line, "title", path) ?? "Shipping",
                OptionalString(line, "code", path),
                RequiredDecimal(line, "price", path),
                OptionalArray(line, "discount_allocations", path).Sum(a => RequiredDecimal(a.Item, "amount", a.Path)),
                OptionalArray(line, "tax_lines", path).Sum(t => RequiredDecimal(t.Item, "price", t.Path))));
        }

        var discounts = OptionalArray(order, "discount_codes", string.Empty)
            .Select(d => new DiscountLine(
                OptionalString(RequireObject(d.Item, d.Path), "code", d.Path),
                OptionalString(d.Item, "type", d.Path) ?? "fixed_amount",
                RequiredDecimal(d.Item, "amount", d.Path)))
            .ToArray();

        var orderKey = OrderKey(shop, id);
        var paymentReference = PaymentReference(order);
        var number = OptionalString(order, "name", string.Empty) ?? OptionalId(order, "order_number", string.Empty);
        var data = new OrderData(
            orderKey,
            WebhookSources.Shopify,
            id,
            number,
            currency,
            taxesIncluded,
            RequiredDecimal(order, "subtotal_price", string.Empty),
            OptionalDecimal(order, "total_discounts", string.Empty) ?? 0m,
            shipping.Sum(s => s.Price - s.DiscountAmount),
            OptionalDecimal(order, "total_tax", string.Empty) ?? 0m,
            RequiredDecimal(order, "total_price", string.Empty),
            OptionalString(order, "financial_status", string.Empty),
            Customer(order),
            paymentReference,
            lines,
            shipping,
            discounts,
            createdAt,
            updatedAt,
            OptionalInstant(order, "cancelled_at", string.Empty),
            OptionalString(order, "cancel_reason", string.Empty));

        return new NormalisedEvent(type, new BusinessKey("order", WebhookSources.Shopify, shop + "/" + id), data, updatedAt, Version(updatedAt), orderKey, PaymentReference: paymentReference);
    }

    private static CustomerIdentity? Customer(JsonElement order)
    {
        var customer = OptionalObject(order, "customer", string.Empty);
        var email = OptionalString(order, "email", string.Empty) ?? (customer is { } c ? OptionalString(c, "email", "customer") : null);
        string? name = null;
        string? id = null;
        if (customer is { } found)
        {
            id = OptionalId(found, "id", "customer");
            var first = OptionalString(found, "first_name", "customer");
            var last = OptionalString(found, "last_name", "customer");
            name = string.Join(' ', new[] { first, last }.Where(part => part is not null));
        }

        var country = (OptionalObject(order, "billing_address", string.Empty) ?? OptionalObject(order, "shipping_address", string.Empty)) is { } address
            ? OptionalString(address, "country_code", "billing_address")
            : null;
        return id is null && email is null && string.IsNullOrEmpty(name) ? null : new CustomerIdentity(id, email, string.IsNullOrEmpty(name) ? null : name, country);
    }

    /// <summary>
    /// The gateway reference of the order's payment: a Stripe PaymentIntent id in a note attribute
    /// (<c>payment_intent</c> / <c>stripe_payment_intent</c>), or in a transaction's <c>authorization</c> when the payload carries transactions.
    /// </summary>
    private static string? PaymentReference(JsonElement order)
    {
        foreach (var (attribute, path) in OptionalArray(order, "note_attributes", string.Empty))
        {
            var name = OptionalString(attribute, "name", path);
            if (name is "payment_intent" or "stripe_payment_intent" && OptionalString(attribute, "value", path) is { } value && value.StartsWith("pi_", StringComparison.Ordinal))
            {
                return "stripe/" + value;
            }
        }

        foreach (var (transaction, path) in OptionalArray(order, "transactions", string.Empty))
        {
            if (OptionalString(transaction, "authorization", path) is { } authorization && authorization.StartsWith("pi_", StringComparison.Ordinal))
            {
                return "stripe/" + authorization;
            }
        }

        return null;
    }

    private static NormalisedEvent Fulfillment(string shop, JsonElement fulfillment, bool created)
    {
        var id = RequiredId(fulfillment, "id", string.Empty);
        var orderId = RequiredId(fulfillment, "order_id", string.Empty);
        var occurredAt = OptionalInstant(fulfillment, "updated_at", string.Empty) ?? RequiredInstant(fulfillment, "created_at", string.Empty);
        var shipmentStatus = OptionalString(fulfillment, "shipment_status", string.Empty);
        var status = shipmentStatus ?? OptionalString(fulfillment, "status", string.Empty) ?? "dispatched";
        var trackingNumbers = OptionalArray(fulfillment, "tracking_numbers", string.Empty)
            .Select(t => t.Item.ValueKind == JsonValueKind.String ? t.Item.GetString()! : throw new PayloadSchemaException(t.Path, "must be a string"))
            .ToList();
        if (trackingNumbers.Count == 0 && OptionalString(fulfillment, "tracking_number", string.Empty) is { } single)
        {
            trackingNumbers.Add(single);
        }

        var lines = RequiredArray(fulfillment, "line_items", string.Empty)
            .Select(l => new ShipmentLine(OptionalString(RequireObject(l.Item, l.Path), "sku", l.Path), RequiredPositiveInt(l.Item, "quantity", l.Path), RequiredId(l.Item, "id", l.Path)))
            .ToArray();
        var orderKey = OrderKey(shop, orderId);
        var subject = new BusinessKey("shipment", WebhookSources.Shopify, shop + "/" + id);
        var data = new ShipmentData(
            subject.ToSubject(),
            WebhookSources.Shopify,
            id,
            orderKey,
            status,
            OptionalString(fulfillment, "tracking_company", string.Empty),
            OptionalString(fulfillment, "service", string.Empty),
            trackingNumbers,
            OptionalString(fulfillment, "tracking_url", string.Empty),
            IsPartial: false,
            lines,
            occurredAt);
        var type = shipmentStatus == "delivered" ? RetailEventTypes.ShipmentDelivered
            : created ? RetailEventTypes.ShipmentDispatched
            : RetailEventTypes.ShipmentUpdated;
        return new NormalisedEvent(type, subject, data, occurredAt, Version(occurredAt), orderKey);
    }

    private static NormalisedEvent Refund(string shop, JsonElement refund)
    {
        var id = RequiredId(refund, "id", string.Empty);
        var orderId = RequiredId(refund, "order_id", string.Empty);
        var createdAt = RequiredInstant(refund, "created_at", string.Empty);
        var transactions = RequiredArray(refund, "transactions", string.Empty)
            .Where(t => OptionalString(RequireObject(t.Item, t.Path), "kind", t.Path) == "refund")
            .ToArray();
        var succeeded = transactions.Where(t => OptionalString(t.Item, "status", t.Path) is null or "success").ToArray();
        var currency = transactions.Length > 0
            ? RequiredCurrency(transactions[0].Item, "currency", transactions[0].Path)
            : throw new PayloadSchemaException("transactions", "must contain a refund transaction");
        string? paymentReference = null;
        foreach (var (transaction, path) in transactions)
        {
            if (OptionalString(transaction, "authorization", path) is { } authorization && authorization.StartsWith("pi_", StringComparison.Ordinal))
            {
                paymentReference = "stripe/" + authorization;
            }
        }

        var lines = OptionalArray(refund, "refund_line_items", string.Empty)
            .Select(l =>
            {
                RequireObject(l.Item, l.Path);
                var lineItem = OptionalObject(l.Item, "line_item", l.Path);
                var amount = (OptionalDecimal(l.Item, "subtotal", l.Path) ?? 0m) + (OptionalDecimal(l.Item, "total_tax", l.Path) ?? 0m);
                var restockType = OptionalString(l.Item, "restock_type", l.Path);
                return new RefundLine(
                    OptionalId(l.Item, "line_item_id", l.Path),
                    lineItem is { } item ? OptionalString(item, "sku", Path(l.Path, "line_item")) : null,
                    RequiredPositiveInt(l.Item, "quantity", l.Path),
                    amount,
                    restockType is not null and not "no_restock");
            })
            .ToArray();

        var orderKey = OrderKey(shop, orderId);
        // A refund made from a Shopify return names it ("return": {"id", "admin_graphql_api_id"}), which routes
        // the refund to that return's workflow rather than guessing from the order.
        var returnKey = OptionalObject(refund, "return", string.Empty) is { } returned
            ? new BusinessKey("return", WebhookSources.Shopify, shop + "/" + RequiredId(returned, "id", "return")).ToSubject()
            : null;
        var subject = new BusinessKey("refund", WebhookSources.Shopify, shop + "/" + id);
        var data = new RefundData(
            subject.ToSubject(),
            WebhookSources.Shopify,
            id,
            orderKey,
            paymentReference,
            succeeded.Sum(t => RequiredDecimal(t.Item, "amount", t.Path)),
            currency,
            succeeded.Length == transactions.Length ? "succeeded" : succeeded.Length == 0 ? "failed" : "partial",
            OptionalString(refund, "note", string.Empty),
            lines,
            createdAt);
        return new NormalisedEvent(RetailEventTypes.RefundIssued, subject, data, createdAt, Version(createdAt), orderKey, returnKey, paymentReference);
    }

    private static NormalisedEvent Return(string type, string shop, JsonElement payload, DateTimeOffset? triggeredAt)
    {
        var id = RequiredId(payload, "id", string.Empty);
        var order = RequiredObject(payload, "order", string.Empty);
        var orderId = RequiredId(order, "id", "order");
        var occurredAt = OptionalInstant(payload, "updated_at", string.Empty)
            ?? triggeredAt
            ?? throw new PayloadSchemaException("updated_at", $"is required when the {TriggeredAtHeader} header is absent");
        var lines = OptionalArray(payload, "return_line_items", string.Empty)
            .Select(l =>
            {
                RequireObject(l.Item, l.Path);
                var fulfillmentLine = OptionalObject(l.Item, "fulfillment_line_item", l.Path);
                var lineItem = fulfillmentLine is { } fl ? OptionalObject(fl, "line_item", Path(l.Path, "fulfillment_line_item")) : null;
                var linePath = Path(Path(l.Path, "fulfillment_line_item"), "line_item");
                return new ReturnLine(
                    lineItem is { } li ? OptionalId(li, "id", linePath) : null,
                    lineItem is { } li2 ? OptionalString(li2, "sku", linePath) : null,
                    RequiredPositiveInt(l.Item, "quantity", l.Path),
                    OptionalString(l.Item, "return_reason", l.Path));
            })
            .ToArray();

        var orderKey = OrderKey(shop, orderId);
        var subject = new BusinessKey("return", WebhookSources.Shopify, shop + "/" + id);
        var status = OptionalString(payload, "status", string.Empty) ?? type[(type.LastIndexOf('.') + 1)..];
        var data = new ReturnData(subject.ToSubject(), WebhookSources.Shopify, id, orderKey, status, null, null, lines, occurredAt);
        return new NormalisedEvent(type, subject, data, occurredAt, Version(occurredAt), orderKey, subject.ToSubject());
    }
}
