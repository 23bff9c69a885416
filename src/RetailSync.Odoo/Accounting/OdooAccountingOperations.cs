using System.Globalization;
using RetailSync.Odoo.Caching;
using RetailSync.Odoo.Protocol;

namespace RetailSync.Odoo;

/// <summary>
/// Invoices, payments, credit notes and refunds. An invoice is found again through the order's
/// <c>invoice_ids</c>, a payment by its memo (the gateway reference), a credit note by its <c>ref</c>.
/// </summary>
public class OdooAccountingOperations
{
    private static readonly string[] OrderInvoiceFields = ["id", "name", "state", "invoice_status", "invoice_ids"];
    private static readonly string[] MoveFields =
        ["id", "name", "state", "move_type", "amount_total", "amount_residual", "payment_state", "ref", "reversed_entry_id", "invoice_line_ids"];

    private static readonly string[] MoveLineFields = ["id", "product_id", "quantity", "display_type"];

    private readonly OdooClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected OdooAccountingOperations()
    {
    }

    public OdooAccountingOperations(OdooClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// Invoices what the order has to invoice through the advance-payment wizard (a draft invoice), or returns the
    /// latest invoice when there is nothing left to invoice because an earlier call already did it. Throws a
    /// business error when the order never had anything to invoice.
    /// </summary>
    public virtual Task<InvoiceRef> CreateInvoiceAsync(long orderId, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync("create_invoice", ct => CreateInvoiceCoreAsync(orderId, ct), cancellationToken);

    /// <summary>Posts a draft invoice or credit note (<c>action_post</c>); posting a posted one succeeds.</summary>
    public virtual Task<InvoiceRef> PostInvoiceAsync(long invoiceId, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync("post_invoice", ct => PostCoreAsync(invoiceId, ct), cancellationToken);

    /// <summary>Reads an invoice or credit note.</summary>
    public virtual Task<InvoiceRef> GetInvoiceAsync(long invoiceId, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync("read_invoice", ct => ReadMoveAsync(invoiceId, ct), cancellationToken);

    /// <summary>Registers the gateway's payment on a posted invoice, once per gateway reference.</summary>
    public virtual Task<PaymentRef> RegisterPaymentAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return _client.RunIdempotentAsync("register_payment", ct => RegisterPaymentCoreAsync(request, ct), cancellationToken);
    }

    /// <summary>
    /// Creates the credit note of a posted invoice (all of it, or the given SKUs and quantities) and posts it;
    /// returns the existing one when a credit note with <see cref="CreditNoteRequest.Reference"/> exists.
    /// </summary>
    public virtual Task<InvoiceRef> CreateCreditNoteAsync(CreditNoteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Reason);
        if (request.Lines is { } lines && lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0))
        {
            throw new ArgumentException("Credit note lines need a SKU and a positive quantity.", nameof(request));
        }

        if (request.TargetTotal is <= 0)
        {
            throw new ArgumentException("A credit note's target total must be positive.", nameof(request));
        }

        return _client.RunIdempotentAsync("create_credit_note", ct => CreateCreditNoteCoreAsync(request, ct), cancellationToken);
    }

    /// <summary>The product lines of an invoice or credit note, with SKUs, quantities, unit prices and totals.</summary>
    public virtual Task<IReadOnlyList<InvoiceLine>> GetInvoiceLinesAsync(long invoiceId, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync("read_invoice_lines", ct => GetInvoiceLinesCoreAsync(invoiceId, ct), cancellationToken);

    /// <summary>Pays a posted credit note back to the customer through the gateway (an outbound payment), once per reference.</summary>
    public virtual Task<PaymentRef> RegisterRefundAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return _client.RunIdempotentAsync("register_refund", ct => RegisterPaymentCoreAsync(request, ct), cancellationToken);
    }

    private async Task<InvoiceRef> CreateInvoiceCoreAsync(long orderId, CancellationToken cancellationToken)
    {
        var order = await ReadOrderAsync(orderId, cancellationToken);
        var before = order.GetIds("invoice_ids");
        if (order.GetString("invoice_status") != "to invoice")
        {
            var invoices = (await _client.ReadAsync("account.move", before, MoveFields, cancellationToken))
                .Where(m => m.GetString("move_type") == "out_invoice" && m.GetString("state") != "cancel")
                .ToList();
            return invoices.Count > 0
                ? ToInvoiceRef(invoices.MaxBy(m => m.Id)) with { Created = false }
                : throw new OdooBusinessException(
                    "Cannot create an invoice. No items are available to invoice.", "odoo.exceptions.UserError", "sale.advance.payment.inv", "create_invoices");
        }

        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["active_model"] = "sale.order",
            ["active_ids"] = new[] { orderId },
            ["active_id"] = orderId,
        };
        var wizardId = await _client.CreateAsync(
            "sale.advance.payment.inv",
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["advance_payment_method"] = "delivered",
                ["sale_order_ids"] = new object[] { new object[] { 6, 0, new[] { orderId } } },
            },
            context,
            cancellationToken);
        await _client.CallAsync("sale.advance.payment.inv", "create_invoices", [wizardId], context, cancellationToken);

        // The wizard's action is not trusted: look for the invoice that appeared for this order (its origin is the order's name).
        var created = await _client.SearchReadAsync(
            "account.move",
            [OdooDomain.Eq("invoice_origin", order.GetString("name")), OdooDomain.Eq("move_type", "out_invoice"), OdooDomain.Term("id", "not in", before)],
            MoveFields,
            order: "id desc",
            limit: 1,
            cancellationToken: cancellationToken);
        return created.Count > 0
            ? ToInvoiceRef(created[0]) with { Created = true }
            : throw new OdooException($"Odoo created no invoice for sale order {orderId}.");
    }

    private async Task<InvoiceRef> PostCoreAsync(long moveId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CallAsync("account.move", "action_post", [moveId], cancellationToken: cancellationToken);
        }
        catch (OdooBusinessException)
        {
            var current = await ReadMoveAsync(moveId, cancellationToken);
            if (current.State != "posted")
            {
                throw;
            }

            return current;
        }

        return await ReadMoveAsync(moveId, cancellationToken);
    }

    private async Task<PaymentRef> RegisterPaymentCoreAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var profile = await _client.GetProfileAsync(cancellationToken);
        var memoField = profile.PaymentMemoField;
        var existing = await FindPaymentAsync(memoField, request.GatewayReference, cancellationToken);
        if (existing is not null)
        {
            return existing with { Created = false };
        }

        var journalId = await ResolvePaymentJournalAsync(request.Gateway, cancellationToken);
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["active_model"] = "account.move",
            ["active_ids"] = new[] { request.InvoiceId },
        };
        var wizardId = await _client.CreateAsync(
            "account.payment.register",
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["journal_id"] = journalId,
                ["amount"] = request.Amount,
                ["payment_date"] = request.PaymentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["communication"] = request.GatewayReference,
            },
            context,
            cancellationToken);
        await _client.CallAsync("account.payment.register", "action_create_payments", [wizardId], context, cancellationToken);
        var created = await FindPaymentAsync(memoField, request.GatewayReference, cancellationToken)
            ?? throw new OdooException($"Odoo created no payment with memo '{request.GatewayReference}'.");
        return created with { Created = true };
    }

    private async Task<PaymentRef?> FindPaymentAsync(string memoField, string memo, CancellationToken cancellationToken)
    {
        var payments = await _client.SearchReadAsync(
            "account.payment",
            [OdooDomain.Eq(memoField, memo)],
            ["id", "name", "state", "amount", memoField],
            order: "id",
            cancellationToken: cancellationToken);
        var live = payments.FirstOrDefaultOrNull(p => p.GetString("state") is not ("cancel" or "canceled" or "rejected"));
        return live is { } p
            ? new PaymentRef(p.Id, p.GetString("name"), p.GetString("state") ?? string.Empty, p.GetDecimal("amount"), memo, Created: false)
            : null;
    }

    private async Task<long> ResolvePaymentJournalAsync(string gateway, CancellationToken cancellationToken)
    {
        var journals = await _client.Catalog.GetJournalsAsync(cancellationToken);
        var options = _client.Options;
        var code = options.PaymentJournals.GetValueOrDefault(gateway) ?? options.DefaultPaymentJournalCode;
        OdooJournal? journal = code is null
            ? journals.FirstOrDefault(j => j.Type == "bank")
            : journals.FirstOrDefault(j => string.Equals(j.Code, code, StringComparison.OrdinalIgnoreCase));
        return journal?.Id ?? throw new OdooBusinessException(code is null
            ? "Odoo has no bank journal to register payments in."
            : $"Odoo has no journal with code '{code}' (payment gateway '{gateway}').");
    }

    private async Task<InvoiceRef> CreateCreditNoteCoreAsync(CreditNoteRequest request, CancellationToken cancellationToken)
    {
        var refunds = await _client.SearchReadAsync(
            "account.move",
            [OdooDomain.Eq("reversed_entry_id", request.InvoiceId), OdooDomain.Eq("move_type", "out_refund")],
            MoveFields,
            order: "id",
            cancellationToken: cancellationToken);
        var mine = refunds.FirstOrDefaultOrNull(m => m.GetString("ref") == request.Reference && m.GetString("state") != "cancel");
        if (mine is { } existing)
        {
            return existing.GetString("state") == "posted"
                ? ToInvoiceRef(existing) with { Created = false }
                : await PostCoreAsync(existing.Id, cancellationToken) with { Created = true };
        }

        // A draft nobody claimed (its ref is still Odoo's "Reversal of ...") is the one a lost reply made.
        var unclaimed = refunds.FirstOrDefaultOrNull(m => m.GetString("state") == "draft"
            && (m.GetString("ref") is null || m.GetString("ref")!.StartsWith("Reversal of", StringComparison.Ordinal)));
        long refundId;
        if (unclaimed is { } orphan)
        {
            refundId = orphan.Id;
        }
        else
        {
            var salesJournal = (await _client.Catalog.GetJournalsAsync(cancellationToken)).FirstOrDefault(j => j.Type == "sale");
            var context = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["active_model"] = "account.move",
                ["active_ids"] = new[] { request.InvoiceId },
            };
            var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["reason"] = request.Reason };
            if (salesJournal is not null)
            {
                values["journal_id"] = salesJournal.Id;
            }

            var wizardId = await _client.CreateAsync("account.move.reversal", values, context, cancellationToken);
            var action = await _client.CallAsync("account.move.reversal", "refund_moves", [wizardId], context, cancellationToken);
            if (OdooStockOperations.ActionResId(action) is { } id)
            {
                refundId = id;
            }
            else
            {
                var created = await _client.SearchReadAsync(
                    "account.move",
                    [OdooDomain.Eq("reversed_entry_id", request.InvoiceId), OdooDomain.Eq("move_type", "out_refund"), OdooDomain.Eq("state", "draft")],
                    ["id"],
                    order: "id desc",
                    limit: 1,
                    cancellationToken: cancellationToken);
                refundId = created.Count > 0 ? created[0].Id : throw new OdooException($"Odoo created no credit note for invoice {request.InvoiceId}.");
            }
        }

        var update = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ref"] = request.Reference };
        if (request.Lines is { } lines)
        {
            update["invoice_line_ids"] = await PartialLineCommandsAsync(refundId, lines, request.IncludeShipping, cancellationToken);
        }

        if (request.TargetTotal is { } target)
        {
            // Lines first (the draft stays unclaimed), then the reference and the adjustment in one write: a credit note
            // that carries our reference always has its adjustment, and a retry completes an unclaimed draft.
            if (update.Remove("invoice_line_ids", out var lineCommands))
            {
                await _client.WriteAsync("account.move", [refundId], new Dictionary<string, object?>(StringComparer.Ordinal) { ["invoice_line_ids"] = lineCommands }, cancellationToken: cancellationToken);
            }

            var draft = await ReadMoveAsync(refundId, cancellationToken);
            var adjustment = target - draft.AmountTotal;
            if (target <= 0 || -adjustment >= draft.AmountTotal)
            {
                throw new OdooBusinessException(string.Create(CultureInfo.InvariantCulture,
                    $"A credit note of {target} cannot be made from credited lines worth {draft.AmountTotal} (invoice {request.InvoiceId})."));
            }

            if (Math.Abs(adjustment) > 0.001m)
            {
                update["invoice_line_ids"] = new List<object>
                {
                    new object[]
                    {
                        0,
                        0,
                        new Dictionary<string, object?>(StringComparer.Ordinal)
                        {
                            ["name"] = request.AdjustmentLabel,
                            ["quantity"] = 1,
                            ["price_unit"] = adjustment,
                            ["tax_ids"] = new object[] { new object[] { 6, 0, Array.Empty<long>() } },
                        },
                    },
                };
            }
        }

        await _client.WriteAsync("account.move", [refundId], update, cancellationToken: cancellationToken);
        return await PostCoreAsync(refundId, cancellationToken) with { Created = true };
    }

    private async Task<List<object>> PartialLineCommandsAsync(long refundId, IReadOnlyList<CreditNoteLine> lines, bool includeShipping, CancellationToken cancellationToken)
    {
        var products = await _client.Catalog.ResolveProductsAsync(lines.Select(l => l.Sku), cancellationToken);
        var left = lines.GroupBy(l => products[l.Sku].Id).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var moveLines = await _client.SearchReadAsync(
            "account.move.line", [OdooDomain.Eq("move_id", refundId)], MoveLineFields, order: "id", cancellationToken: cancellationToken);
        var shippingSku = _client.Options.ShippingProductSku;
        var shippingIds = new HashSet<long>();
        if (includeShipping)
        {
            var skus = await _client.Catalog.GetSkusAsync(moveLines.Select(l => l.GetReferenceId("product_id")).OfType<long>(), cancellationToken);
            shippingIds = skus.Where(s => s.Value == shippingSku).Select(s => s.Key).ToHashSet();
        }

        var commands = new List<object>(moveLines.Count);
        foreach (var line in moveLines)
        {
            if (line.GetString("display_type") is { } kind && kind != "product")
            {
                continue;
            }

            var productId = line.GetReferenceId("product_id") ?? 0;
            if (shippingIds.Contains(productId))
            {
                continue;
            }

            var quantity = Math.Min(left.GetValueOrDefault(productId), line.GetDecimal("quantity"));
            if (quantity > 0)
            {
                left[productId] -= quantity;
                commands.Add(new object[] { 1, line.Id, new Dictionary<string, object?>(StringComparer.Ordinal) { ["quantity"] = quantity } });
            }
            else
            {
                commands.Add(new object[] { 2, line.Id });
            }
        }

        var overCredited = left.Where(l => l.Value > 0).Select(l => l.Key).ToList();
        if (overCredited.Count > 0)
        {
            var skus = await _client.Catalog.GetSkusAsync(overCredited, cancellationToken);
            throw new OdooBusinessException(
                $"The invoice holds less than the quantity to credit for SKU(s) {string.Join(", ", overCredited.Select(id => skus.GetValueOrDefault(id, id.ToString(CultureInfo.InvariantCulture))))}.");
        }

        return commands;
    }

    private async Task<IReadOnlyList<InvoiceLine>> GetInvoiceLinesCoreAsync(long invoiceId, CancellationToken cancellationToken)
    {
        var lines = await _client.SearchReadAsync(
            "account.move.line",
            [OdooDomain.Eq("move_id", invoiceId)],
            ["id", "product_id", "quantity", "price_unit", "price_subtotal", "price_total", "display_type"],
            order: "id",
            cancellationToken: cancellationToken);
        var products = lines.Where(l => l.GetString("display_type") is null or "product").ToList();
        var skus = await _client.Catalog.GetSkusAsync(products.Select(l => l.GetReferenceId("product_id")).OfType<long>(), cancellationToken);
        return products
            .Select(l => new InvoiceLine(
                l.Id,
                l.GetReferenceId("product_id") is long p && skus.TryGetValue(p, out var sku) ? sku : null,
                l.GetDecimal("quantity"),
                l.GetDecimal("price_unit"),
                l.GetDecimal("price_subtotal"),
                l.GetDecimal("price_total")))
            .ToList();
    }

    private async Task<OdooRecord> ReadOrderAsync(long orderId, CancellationToken cancellationToken)
    {
        var orders = await _client.ReadAsync("sale.order", [orderId], OrderInvoiceFields, cancellationToken);
        return orders.Count > 0
            ? orders[0]
            : throw new OdooBusinessException($"Sale order {orderId} does not exist.", "odoo.exceptions.MissingError", "sale.order", "read");
    }

    private async Task<InvoiceRef> ReadMoveAsync(long moveId, CancellationToken cancellationToken)
    {
        var moves = await _client.ReadAsync("account.move", [moveId], MoveFields, cancellationToken);
        return moves.Count > 0
            ? ToInvoiceRef(moves[0])
            : throw new OdooBusinessException($"Journal entry {moveId} does not exist.", "odoo.exceptions.MissingError", "account.move", "read");
    }

    private static InvoiceRef ToInvoiceRef(OdooRecord move) =>
        new(
            move.Id,
            move.GetString("name") is { } name && name != "/" ? name : null,
            move.GetString("state") ?? string.Empty,
            move.GetString("move_type") ?? string.Empty,
            move.GetDecimal("amount_total"),
            move.GetDecimal("amount_residual"),
            move.GetString("payment_state"));

    private static void Validate(PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Gateway);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.GatewayReference);
        if (request.Amount <= 0)
        {
            throw new ArgumentException("A payment needs a positive amount.", nameof(request));
        }
    }
}
