using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.Verification;
using static RetailSync.Ingestion.Normalisation.Payload;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>
/// Point of sale (Standard Webhooks): <c>sale.completed</c> becomes <c>retail.order.placed</c> for
/// <c>order/pos/&lt;store&gt;/&lt;sale&gt;</c>; <c>stock.adjusted</c> as for the warehouse. See docs/ingestion.md.
/// </summary>
public sealed class PosNormaliser : IWebhookNormaliser
{
    /// <inheritdoc />
    public string Source => WebhookSources.Pos;

    /// <inheritdoc />
    public WebhookNormalisation Normalise(WebhookDelivery delivery, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (type, timestamp, _, messageId) = StandardWebhooksPayloads.Envelope(delivery, payload);
        NormalisedEvent? single = type switch
        {
            "sale.completed" => Sale(RequiredObject(payload, "data", string.Empty), timestamp),
            "stock.adjusted" => StandardWebhooksPayloads.StockAdjusted(WebhookSources.Pos, RequiredObject(payload, "data", string.Empty), timestamp),
            _ => null,
        };
        return single is null
            ? WebhookNormalisation.UnknownTopic(type, messageId, messageId)
            : new WebhookNormalisation(type, messageId, messageId, [single]);
    }

    private static NormalisedEvent Sale(JsonElement data, DateTimeOffset timestamp)
    {
        const string path = "data";
        var saleId = RequiredId(data, "sale_id", path);
        var store = RequiredId(data, "store_id", path);
        var currency = RequiredCurrency(data, "currency", path);
        var completedAt = OptionalInstant(data, "completed_at", path) ?? timestamp;
        var lines = RequiredArray(data, "lines", path)
            .Select(l =>
            {
                RequireObject(l.Item, l.Path);
                return new OrderLine(
                    RequiredId(l.Item, "line_id", l.Path),
                    RequiredString(l.Item, "sku", l.Path),
                    OptionalString(l.Item, "title", l.Path) ?? string.Empty,
                    RequiredPositiveInt(l.Item, "quantity", l.Path),
                    RequiredDecimal(l.Item, "unit_price", l.Path),
                    OptionalDecimal(l.Item, "discount", l.Path) ?? 0m,
                    OptionalDecimal(l.Item, "tax", l.Path) ?? 0m);
            })
            .ToArray();
        if (lines.Length == 0)
        {
            throw new PayloadSchemaException("data.lines", "must not be empty");
        }

        var discounts = OptionalArray(data, "discounts", path)
            .Select(d => new DiscountLine(OptionalString(RequireObject(d.Item, d.Path), "code", d.Path), OptionalString(d.Item, "kind", d.Path) ?? "fixed_amount", RequiredDecimal(d.Item, "amount", d.Path)))
            .ToArray();
        string? paymentReference = null;
        foreach (var (payment, paymentPath) in OptionalArray(data, "payments", path))
        {
            RequireObject(payment, paymentPath);
            RequiredString(payment, "method", paymentPath);
            RequiredDecimal(payment, "amount", paymentPath);
            paymentReference ??= OptionalString(payment, "reference", paymentPath);
        }

        var customer = OptionalObject(data, "customer", path) is { } c
            ? new CustomerIdentity(OptionalId(c, "id", "data.customer"), OptionalString(c, "email", "data.customer"), OptionalString(c, "name", "data.customer"), OptionalString(c, "country_code", "data.customer"))
            : null;
        var subject = new BusinessKey("order", WebhookSources.Pos, store + "/" + saleId);
        var order = new OrderData(
            subject.ToSubject(),
            WebhookSources.Pos,
            saleId,
            OptionalString(data, "receipt_number", path),
            currency,
            OptionalBool(data, "taxes_included", path, fallback: true),
            RequiredDecimal(data, "subtotal", path),
            OptionalDecimal(data, "discount_total", path) ?? discounts.Sum(d => d.Amount),
            0m,
            OptionalDecimal(data, "tax_total", path) ?? lines.Sum(l => l.TaxAmount),
            RequiredDecimal(data, "total", path),
            "paid",
            customer,
            paymentReference,
            lines,
            [],
            discounts,
            completedAt,
            completedAt);
        return new NormalisedEvent(RetailEventTypes.OrderPlaced, subject, order, completedAt, Version(completedAt), subject.ToSubject(), PaymentReference: paymentReference);
    }
}
