using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.Verification;
using static RetailSync.Ingestion.Normalisation.Payload;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>
/// Point of sale (Standard Webhooks): <c>sale.completed</c> becomes <c>retail.order.placed</c> for
/// <c>order/pos/&lt;store&gt;/&lt;sale&gt;</c>; <c>return.completed</c> (a store return: the goods are on the
/// counter and the till has refunded) becomes <c>retail.return.authorized</c>, <c>retail.return.received</c>
/// and, when money went back, <c>retail.refund.issued</c> for <c>return/pos/&lt;store&gt;/&lt;return&gt;</c>;
/// <c>stock.adjusted</c> as for the warehouse. See docs/ingestion.md.
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
        IReadOnlyList<NormalisedEvent>? events = type switch
        {
            "sale.completed" => [Sale(RequiredObject(payload, "data", string.Empty), timestamp)],
            "return.completed" => StoreReturn(RequiredObject(payload, "data", string.Empty), timestamp),
            "stock.adjusted" => [StandardWebhooksPayloads.StockAdjusted(WebhookSources.Pos, RequiredObject(payload, "data", string.Empty), timestamp)],
            _ => null,
        };
        return events is null
            ? WebhookNormalisation.UnknownTopic(type, messageId, messageId)
            : new WebhookNormalisation(type, messageId, messageId, events);
    }

    /// <summary>
    /// A return completed at the till: authorized, received (per line inspection and disposition, into the
    /// store's location) and refunded by the till in one step. The refund event carries the return key, so it
    /// reaches the return's workflow, which records it rather than refunding again.
    /// </summary>
    private static NormalisedEvent[] StoreReturn(JsonElement data, DateTimeOffset timestamp)
    {
        const string path = "data";
        var returnId = RequiredId(data, "return_id", path);
        var store = RequiredId(data, "store_id", path);
        var currency = RequiredCurrency(data, "currency", path);
        var completedAt = OptionalInstant(data, "completed_at", path) ?? timestamp;
        var orderKey = StandardWebhooksPayloads.SubjectOf(data, "order_key", path, "order")
            ?? (OptionalId(data, "sale_id", path) is { } saleId
                ? new BusinessKey("order", WebhookSources.Pos, (OptionalId(data, "sale_store_id", path) ?? store) + "/" + saleId).ToSubject()
                : throw new PayloadSchemaException("data.order_key", "is required (or data.sale_id)"));
        var lines = RequiredArray(data, "lines", path)
            .Select(l =>
            {
                RequireObject(l.Item, l.Path);
                var line = new ReturnLine(
                    OptionalId(l.Item, "line_id", l.Path),
                    RequiredString(l.Item, "sku", l.Path),
                    RequiredPositiveInt(l.Item, "quantity", l.Path),
                    OptionalString(l.Item, "reason", l.Path),
                    OptionalDecimal(l.Item, "refund_amount", l.Path));
                var receipt = new ReturnReceiptLine(
                    line.Sku!,
                    line.Quantity,
                    RequiredEnum<InspectionResult>(l.Item, "inspection", l.Path),
                    RequiredEnum<ReturnDisposition>(l.Item, "disposition", l.Path),
                    OptionalString(l.Item, "note", l.Path));
                return (line, receipt);
            })
            .ToArray();
        if (lines.Length == 0)
        {
            throw new PayloadSchemaException("data.lines", "must not be empty");
        }

        var refunds = OptionalArray(data, "refunds", path)
            .Select(r => (
                Method: RequiredString(RequireObject(r.Item, r.Path), "method", r.Path),
                Amount: RequiredDecimal(r.Item, "amount", r.Path) is var amount and > 0m ? amount : throw new PayloadSchemaException(Path(r.Path, "amount"), "must be positive"),
                Reference: OptionalString(r.Item, "reference", r.Path)))
            .ToArray();
        var exchanges = OptionalArray(data, "exchanges", path)
            .Select(x => new ExchangeLine(
                RequiredString(RequireObject(x.Item, x.Path), "sku", x.Path),
                RequiredPositiveInt(x.Item, "quantity", x.Path),
                OptionalString(x.Item, "title", x.Path),
                RequiredDecimal(x.Item, "unit_price", x.Path)))
            .ToArray();

        var returnKey = new BusinessKey("return", WebhookSources.Pos, store + "/" + returnId);
        var returnSubject = returnKey.ToSubject();
        var refundTotal = refunds.Sum(r => r.Amount);
        var version = Version(completedAt);
        var authorized = new ReturnData(
            returnSubject,
            WebhookSources.Pos,
            returnId,
            orderKey,
            "completed",
            currency,
            refunds.Length > 0 ? refundTotal : OptionalDecimal(data, "refund_total", path),
            [.. lines.Select(l => l.line)],
            completedAt,
            exchanges.Length > 0 ? exchanges : null);
        var received = new ReturnReceiptData(returnSubject, WebhookSources.Pos, returnId, orderKey, store, [.. lines.Select(l => l.receipt)], completedAt);
        var events = new List<NormalisedEvent>
        {
            new(RetailEventTypes.ReturnAuthorized, returnKey, authorized, completedAt, version, orderKey, returnSubject),
            new(RetailEventTypes.ReturnReceived, returnKey, received, completedAt, version, orderKey, returnSubject),
        };
        if (refunds.Length > 0)
        {
            // One till refund per return, whatever the tender split (card plus store credit): the workflow
            // books one credit note per refund. The first gateway reference ties it to the original payment.
            var paymentReference = refunds.Select(r => r.Reference).FirstOrDefault(r => r is not null);
            var refundKey = new BusinessKey("refund", WebhookSources.Pos, store + "/" + returnId);
            var refund = new RefundData(
                refundKey.ToSubject(),
                WebhookSources.Pos,
                returnId,
                orderKey,
                paymentReference,
                refundTotal,
                currency,
                "succeeded",
                lines.Select(l => l.line.Reason).FirstOrDefault(r => r is not null),
                [.. lines.Select(l => new RefundLine(l.line.LineId, l.line.Sku, l.line.Quantity, l.line.RefundAmount ?? 0m, l.receipt.Disposition == ReturnDisposition.Restock))],
                completedAt);
            events.Add(new NormalisedEvent(RetailEventTypes.RefundIssued, refundKey, refund, completedAt, version, orderKey, returnSubject, paymentReference));
        }

        return [.. events];
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
