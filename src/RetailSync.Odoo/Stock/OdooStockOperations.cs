using RetailSync.Odoo.Protocol;

using System.Globalization;
using System.Text.Json;

namespace RetailSync.Odoo;

/// <summary>
/// Deliveries, returns and their receipt (into stock, quarantine or vendor return, or scrapped).
/// Each operation finds its own earlier effect first: a delivery by its tracking reference, a return by its
/// return reference (the picking's <c>origin</c>), a scrap by its <c>origin</c>.
/// </summary>
public class OdooStockOperations
{
    private static readonly string[] PickingFields =
        ["id", "name", "state", "origin", "carrier_tracking_ref", "picking_type_code", "return_id", "backorder_id", "move_ids", "location_dest_id", "sale_id", "date_done"];

    private static readonly string[] OrderLineFields = ["id", "product_id", "product_uom_qty"];

    /// <summary>Prefix of the <c>carrier_tracking_ref</c> a receipt writes on the return transfer it validates.</summary>
    private const string ReceiptMarker = "receipt:";

    private static readonly string[] MoveFields = ["id", "product_id", "product_uom_qty", "quantity", "state", "picking_id"];
    private static readonly string[] WizardLineFields = ["id", "product_id", "quantity", "move_id"];
    private static readonly string[] ScrapFields = ["id", "product_id", "state", "origin"];
    private static readonly string[] OpenStates = ["draft", "waiting", "confirmed", "assigned"];

    private readonly OdooClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected OdooStockOperations()
    {
    }

    public OdooStockOperations(OdooClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// Ships the given quantities on the order's open delivery, writes the tracking reference and validates it,
    /// keeping or dropping the rest by <see cref="DeliveryRequest.Backorder"/>. When the delivery carrying that
    /// tracking reference is already done, returns it unchanged.
    /// </summary>
    public virtual Task<DeliveryResult> ValidateDeliveryAsync(DeliveryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TrackingReference);
        ArgumentNullException.ThrowIfNull(request.Lines);
        if (request.Lines.Count == 0 || request.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0))
        {
            throw new ArgumentException("A delivery needs lines with a SKU and a positive quantity.", nameof(request));
        }

        return _client.RunIdempotentAsync("validate_delivery", ct => ValidateDeliveryCoreAsync(request, ct), cancellationToken);
    }

    /// <summary>
    /// Creates the incoming return picking for the chosen lines of the order's delivery (17 <c>create_returns</c>,
    /// 18+ <c>action_create_returns</c>), or returns the one already made for <see cref="ReturnRequest.ReturnReference"/>.
    /// </summary>
    public virtual Task<ReturnRef> CreateReturnAsync(ReturnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ReturnReference);
        ArgumentNullException.ThrowIfNull(request.Lines);
        if (request.Lines.Count == 0 || request.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0))
        {
            throw new ArgumentException("A return needs lines with a SKU and a positive quantity.", nameof(request));
        }

        return _client.RunIdempotentAsync("create_return", ct => CreateReturnCoreAsync(request, ct), cancellationToken);
    }

    /// <summary>
    /// Receives the return picking into the location of its disposition and validates it; for
    /// <see cref="ReturnDisposition.Scrap"/> receives into stock and scraps every returned product.
    /// </summary>
    public virtual Task<ReturnReceipt> ReceiveReturnAsync(ReceiveReturnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _client.RunIdempotentAsync("receive_return", ct => ReceiveReturnCoreAsync(request, ct), cancellationToken);
    }

    /// <summary>
    /// What of the order can still come back, per SKU: ordered, delivered (done outgoing moves), returned (return
    /// transfers not cancelled, except those of <paramref name="excludeReturnReference"/>), and when it was last delivered.
    /// </summary>
    public virtual Task<ReturnableQuantities> GetReturnableAsync(long orderId, string? excludeReturnReference = null, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync("read_returnable", ct => GetReturnableCoreAsync(orderId, excludeReturnReference, ct), cancellationToken);

    /// <summary>
    /// Receives one warehouse receipt whose lines have different dispositions: per disposition (restock, quarantine,
    /// vendor return, scrap, in that order) the open transfer of the return is sent to that location with that group's
    /// quantities and validated, leaving a backorder for the rest; scrapped units are received into stock and scrapped.
    /// Idempotent on <see cref="ReceiveReturnLinesRequest.ReceiptReference"/>.
    /// </summary>
    public virtual Task<ReturnLinesReceipt> ReceiveReturnLinesAsync(ReceiveReturnLinesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ReceiptReference);
        ArgumentNullException.ThrowIfNull(request.Lines);
        if (request.Lines.Count == 0 || request.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0))
        {
            throw new ArgumentException("A receipt needs lines with a SKU and a positive quantity.", nameof(request));
        }

        return _client.RunIdempotentAsync("receive_return_lines", ct => ReceiveReturnLinesCoreAsync(request, ct), cancellationToken);
    }

    /// <summary>Cancels what is still open of a return transfer and its backorders; false when nothing was open.</summary>
    public virtual Task<bool> CancelReturnAsync(long returnPickingId, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync("cancel_return", ct => CancelReturnCoreAsync(returnPickingId, ct), cancellationToken);

    private async Task<DeliveryResult> ValidateDeliveryCoreAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var pickings = await _client.SearchReadAsync(
            "stock.picking",
            [OdooDomain.Eq("sale_id", request.OrderId)],
            PickingFields,
            order: "id",
            cancellationToken: cancellationToken);
        var outgoing = pickings.Where(p => p.GetString("picking_type_code") == "outgoing").ToList();

        var done = outgoing.FirstOrDefaultOrNull(p => p.GetString("state") == "done" && p.GetString("carrier_tracking_ref") == request.TrackingReference);
        if (done is { } shipped)
        {
            var backorder = outgoing.FirstOrDefaultOrNull(p => p.GetReferenceId("backorder_id") == shipped.Id);
            return new DeliveryResult(shipped.Id, shipped.GetString("name") ?? string.Empty, "done", backorder?.Id, AlreadyDone: true);
        }

        var open = outgoing.FirstOrDefaultOrNull(p => OpenStates.Contains(p.GetString("state")));
        if (open is not { } picking)
        {
            throw new OdooBusinessException($"Sale order {request.OrderId} has no delivery left to validate.", null, "stock.picking", "button_validate");
        }

        var products = await _client.Catalog.ResolveProductsAsync(request.Lines.Select(l => l.Sku), cancellationToken);
        var moves = await _client.ReadAsync("stock.move", picking.GetIds("move_ids"), MoveFields, cancellationToken);
        var notOnPicking = request.Lines
            .Where(l => !moves.Any(m => m.GetReferenceId("product_id") == products[l.Sku].Id))
            .Select(l => l.Sku)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (notOnPicking.Count > 0)
        {
            throw new OdooBusinessException(
                $"SKU(s) {string.Join(", ", notOnPicking)} are not on delivery {picking.GetString("name")} of sale order {request.OrderId}.");
        }

        var reserved = moves.Sum(m => m.GetDecimal("quantity"));
        var pickingName = picking.GetString("name") ?? string.Empty;
        if (reserved == 0 && !request.ShipUnreserved)
        {
            // Let Odoo refuse it in its own words ("You cannot validate a transfer if no quantities are reserved...").
            await _client.CallAsync("stock.picking", "button_validate", [picking.Id], cancellationToken: cancellationToken);
            throw new OdooBusinessException($"Odoo accepted delivery {pickingName} with nothing reserved; nothing was shipped.");
        }

        var remaining = request.Lines
            .GroupBy(l => products[l.Sku].Id)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var moveCommands = new List<object>(moves.Count);
        foreach (var move in moves)
        {
            var productId = move.GetReferenceId("product_id") ?? 0;
            var want = remaining.GetValueOrDefault(productId);
            var isLastMoveOfProduct = moves.Last(m => m.GetReferenceId("product_id") == productId).Id == move.Id;
            var quantity = isLastMoveOfProduct ? want : Math.Min(want, move.GetDecimal("product_uom_qty"));
            remaining[productId] = want - quantity;
            moveCommands.Add(new object[]
            {
                1,
                move.Id,
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["quantity"] = quantity, ["picked"] = quantity > 0 },
            });
        }

        await _client.WriteAsync(
            "stock.picking",
            [picking.Id],
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["carrier_tracking_ref"] = request.TrackingReference,
                ["move_ids"] = moveCommands,
            },
            cancellationToken: cancellationToken);

        var validateContext = request.Backorder == BackorderPolicy.NoBackorder
            ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["skip_backorder"] = true, ["picking_ids_not_to_backorder"] = new[] { picking.Id } }
            : null;
        var result = await _client.CallAsync("stock.picking", "button_validate", [picking.Id], validateContext, cancellationToken);
        if (IsAction(result, "stock.backorder.confirmation", out var actionContext))
        {
            var wizardId = await _client.CreateAsync("stock.backorder.confirmation", new Dictionary<string, object?>(), actionContext, cancellationToken);
            var button = request.Backorder == BackorderPolicy.CreateBackorder ? "process" : "process_cancel_backorder";
            await _client.CallAsync("stock.backorder.confirmation", button, [wizardId], actionContext, cancellationToken);
        }

        long? backorderId = null;
        if (request.Backorder == BackorderPolicy.CreateBackorder && moves.Sum(m => m.GetDecimal("product_uom_qty")) > request.Lines.Sum(l => l.Quantity))
        {
            var backorders = await _client.SearchReadAsync(
                "stock.picking", [OdooDomain.Eq("backorder_id", picking.Id)], ["id"], limit: 1, cancellationToken: cancellationToken);
            backorderId = backorders.Count > 0 ? backorders[0].Id : null;
        }

        return new DeliveryResult(picking.Id, pickingName, "done", backorderId, AlreadyDone: false);
    }

    private async Task<ReturnRef> CreateReturnCoreAsync(ReturnRequest request, CancellationToken cancellationToken)
    {
        var pickings = await _client.SearchReadAsync(
            "stock.picking",
            [OdooDomain.Eq("sale_id", request.OrderId)],
            PickingFields,
            order: "id",
            cancellationToken: cancellationToken);

        var mine = pickings.FirstOrDefaultOrNull(p => p.GetString("origin") == request.ReturnReference && p.GetString("state") != "cancel");
        if (mine is { } existing)
        {
            return ToReturnRef(existing, request.ReturnReference, created: false);
        }

        var products = await _client.Catalog.ResolveProductsAsync(request.Lines.Select(l => l.Sku), cancellationToken);
        var wanted = request.Lines.GroupBy(l => products[l.Sku].Id).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));

        // A return picking nobody claimed yet, with exactly these products and quantities, is the one a lost reply made.
        var unclaimed = pickings
            .Where(p => p.GetReferenceId("return_id") is not null && p.GetString("state") is not ("cancel" or "done")
                && (p.GetString("origin") is null || p.GetString("origin")!.StartsWith("Return of", StringComparison.Ordinal)))
            .ToList();
        if (unclaimed.Count > 0)
        {
            var unclaimedMoves = await _client.ReadAsync("stock.move", unclaimed.SelectMany(p => p.GetIds("move_ids")).ToList(), MoveFields, cancellationToken);
            foreach (var candidate in unclaimed)
            {
                var quantities = unclaimedMoves
                    .Where(m => m.GetReferenceId("picking_id") == candidate.Id && m.GetDecimal("product_uom_qty") > 0)
                    .GroupBy(m => m.GetReferenceId("product_id") ?? 0)
                    .ToDictionary(g => g.Key, g => g.Sum(m => m.GetDecimal("product_uom_qty")));
                if (quantities.Count == wanted.Count && wanted.All(w => quantities.GetValueOrDefault(w.Key) == w.Value))
                {
                    await ClaimAsync(candidate.Id, request.ReturnReference, cancellationToken);
                    return ToReturnRef(candidate, request.ReturnReference, created: true);
                }
            }
        }

        var delivered = pickings
            .Where(p => p.GetString("picking_type_code") == "outgoing" && p.GetString("state") == "done" && p.GetReferenceId("return_id") is null)
            .ToList();
        if (delivered.Count == 0)
        {
            throw new OdooBusinessException($"Sale order {request.OrderId} has no validated delivery to return from.", null, "stock.return.picking", "create");
        }

        // Each unit comes back against the delivery move that shipped it (oldest first, less what earlier returns took),
        // so a return of an order shipped in several parcels is one return picking with every line linked to its move.
        var allocation = await AllocateReturnAsync(delivered, wanted, request, products, cancellationToken);
        var sourceId = allocation.GroupBy(a => a.PickingId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["active_id"] = sourceId,
            ["active_ids"] = new[] { sourceId },
            ["active_model"] = "stock.picking",
        };
        var wizardId = await _client.CreateAsync(
            "stock.return.picking",
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["picking_id"] = sourceId },
            context,
            cancellationToken);
        var wizardLines = await _client.SearchReadAsync(
            "stock.return.picking.line", [OdooDomain.Eq("wizard_id", wizardId)], WizardLineFields, order: "id", cancellationToken: cancellationToken);

        // 17 proposes the delivered quantities, 18 proposes zero: write every line so both end the same. Moves of
        // the other deliveries join as lines of their own (the wizard returns each line against its move_id).
        var byMove = allocation.ToDictionary(a => a.MoveId, a => a.Quantity);
        var commands = new List<object>(wizardLines.Count + allocation.Count);
        foreach (var line in wizardLines)
        {
            var moveId = line.GetReferenceId("move_id") ?? 0;
            commands.Add(new object[] { 1, line.Id, new Dictionary<string, object?>(StringComparer.Ordinal) { ["quantity"] = byMove.GetValueOrDefault(moveId) } });
            byMove.Remove(moveId);
        }

        foreach (var extra in allocation.Where(a => byMove.ContainsKey(a.MoveId)))
        {
            commands.Add(new object[]
            {
                0,
                0,
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["product_id"] = extra.ProductId, ["move_id"] = extra.MoveId, ["quantity"] = extra.Quantity },
            });
        }

        await _client.WriteAsync(
            "stock.return.picking",
            [wizardId],
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["product_return_moves"] = commands },
            context,
            cancellationToken);

        var profile = await _client.GetProfileAsync(cancellationToken);
        var action = await _client.CallAsync("stock.return.picking", profile.ReturnWizardFinishMethod, [wizardId], context, cancellationToken);
        var returnId = ActionResId(action);
        if (returnId is null)
        {
            var after = await _client.SearchReadAsync(
                "stock.picking", [OdooDomain.Eq("return_id", sourceId)], PickingFields, order: "id desc", limit: 1, cancellationToken: cancellationToken);
            returnId = after.Count > 0 ? after[0].Id : throw new OdooException("Odoo created no return picking.");
        }

        await ClaimAsync(returnId.Value, request.ReturnReference, cancellationToken);
        var created = await _client.ReadAsync("stock.picking", [returnId.Value], PickingFields, cancellationToken);
        return ToReturnRef(created[0], request.ReturnReference, created: true);
    }

    /// <summary>
    /// Which delivery move each returned unit goes back against: per product, the oldest delivery moves first, each
    /// up to what it shipped less what earlier returns of it took. Refuses a return asking for more than that.
    /// </summary>
    private async Task<List<(long PickingId, long MoveId, long ProductId, decimal Quantity)>> AllocateReturnAsync(
        List<OdooRecord> delivered,
        Dictionary<long, decimal> wanted,
        ReturnRequest request,
        IReadOnlyDictionary<string, OdooProduct> products,
        CancellationToken cancellationToken)
    {
        var deliveredMoves = (await _client.ReadAsync("stock.move", delivered.SelectMany(p => p.GetIds("move_ids")).ToList(), MoveFields, cancellationToken))
            .Where(m => m.GetString("state") == "done" && m.GetDecimal("quantity") > 0)
            .OrderBy(m => m.GetReferenceId("picking_id"))
            .ThenBy(m => m.Id)
            .ToList();
        var earlier = deliveredMoves.Count == 0
            ? []
            : await _client.SearchReadAsync(
                "stock.move",
                [OdooDomain.In("origin_returned_move_id", deliveredMoves.Select(m => m.Id)), OdooDomain.Term("state", "!=", "cancel")],
                ["id", "origin_returned_move_id", "product_uom_qty"],
                cancellationToken: cancellationToken);
        var returned = earlier
            .GroupBy(m => m.GetReferenceId("origin_returned_move_id") ?? 0)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.GetDecimal("product_uom_qty")));

        var allocation = new List<(long PickingId, long MoveId, long ProductId, decimal Quantity)>();
        var shortSkus = new List<string>();
        foreach (var (productId, quantity) in wanted)
        {
            var left = quantity;
            foreach (var move in deliveredMoves.Where(m => m.GetReferenceId("product_id") == productId))
            {
                var returnable = move.GetDecimal("quantity") - returned.GetValueOrDefault(move.Id);
                if (left <= 0 || returnable <= 0)
                {
                    continue;
                }

                var take = Math.Min(left, returnable);
                allocation.Add((move.GetReferenceId("picking_id") ?? 0, move.Id, productId, take));
                left -= take;
            }

            if (left > 0)
            {
                shortSkus.Add(products.Values.First(p => p.Id == productId).Sku);
            }
        }

        if (shortSkus.Count > 0)
        {
            throw new OdooBusinessException(
                $"SKU(s) {string.Join(", ", shortSkus)} of sale order {request.OrderId} were not delivered in the quantity returned (or were returned already); nothing to return.",
                null,
                "stock.return.picking",
                "create");
        }

        return allocation;
    }

    private async Task<ReturnReceipt> ReceiveReturnCoreAsync(ReceiveReturnRequest request, CancellationToken cancellationToken)
    {
        var pickings = await _client.ReadAsync("stock.picking", [request.ReturnPickingId], PickingFields, cancellationToken);
        if (pickings.Count == 0)
        {
            throw new OdooBusinessException($"Return picking {request.ReturnPickingId} does not exist.", "odoo.exceptions.MissingError", "stock.picking", "read");
        }

        var picking = pickings[0];
        var reference = picking.GetString("origin") ?? picking.GetString("name") ?? request.ReturnPickingId.ToString(CultureInfo.InvariantCulture);
        var warehouse = await _client.Catalog.GetWarehouseAsync(cancellationToken);
        var target = request.Disposition switch
        {
            ReturnDisposition.Quarantine => await _client.Catalog.GetLocationIdAsync(_client.Options.QuarantineLocation, cancellationToken),
            ReturnDisposition.VendorReturn => await _client.Catalog.GetLocationIdAsync(_client.Options.VendorReturnLocation, cancellationToken),
            _ => warehouse.StockLocationId,
        };

        var alreadyDone = picking.GetString("state") == "done";
        IReadOnlyList<OdooRecord> moves = [];
        if (!alreadyDone)
        {
            if (picking.GetString("state") == "cancel")
            {
                throw new OdooBusinessException($"Return {picking.GetString("name")} is cancelled.");
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["location_dest_id"] = target };
            if (picking.GetString("state") != "assigned")
            {
                // Not reserved (unusual for goods coming from the customer): receive what was announced.
                moves = await _client.ReadAsync("stock.move", picking.GetIds("move_ids"), MoveFields, cancellationToken);
                values["move_ids"] = moves
                    .Select(m => (object)new object[]
                    {
                        1,
                        m.Id,
                        new Dictionary<string, object?>(StringComparer.Ordinal) { ["quantity"] = m.GetDecimal("product_uom_qty"), ["picked"] = true },
                    })
                    .ToList();
            }

            // Writing the picking's destination moves its open moves along (as Odoo's stock.picking.write does).
            if (picking.GetReferenceId("location_dest_id") != target || values.ContainsKey("move_ids"))
            {
                await _client.WriteAsync("stock.picking", [picking.Id], values, cancellationToken: cancellationToken);
            }

            await _client.CallAsync("stock.picking", "button_validate", [picking.Id], cancellationToken: cancellationToken);
        }

        if (request.Disposition != ReturnDisposition.Scrap)
        {
            return new ReturnReceipt(picking.Id, "done", picking.GetReferenceId("location_dest_id") is { } l && alreadyDone ? l : target, [], alreadyDone);
        }

        // Scrap what came back, once: scraps carry the return reference as origin.
        if (moves.Count == 0)
        {
            moves = await _client.ReadAsync("stock.move", picking.GetIds("move_ids"), MoveFields, cancellationToken);
        }

        var scraps = alreadyDone
            ? await _client.SearchReadAsync("stock.scrap", [OdooDomain.Eq("origin", reference)], ScrapFields, cancellationToken: cancellationToken)
            : [];
        var scrapIds = new List<long>();
        var toValidate = new List<long>();
        foreach (var group in moves.GroupBy(m => m.GetReferenceId("product_id") ?? 0))
        {
            var existing = scraps.FirstOrDefaultOrNull(s => s.GetReferenceId("product_id") == group.Key);
            if (existing is { } scrap)
            {
                scrapIds.Add(scrap.Id);
                if (scrap.GetString("state") != "done")
                {
                    toValidate.Add(scrap.Id);
                }

                continue;
            }

            var quantity = group.Sum(m => m.GetDecimal("quantity") is var q && q > 0 ? q : m.GetDecimal("product_uom_qty"));
            var id = await _client.CreateAsync(
                "stock.scrap",
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["product_id"] = group.Key,
                    ["scrap_qty"] = quantity,
                    ["location_id"] = warehouse.StockLocationId,
                    ["origin"] = reference,
                    ["picking_id"] = picking.Id,
                },
                cancellationToken: cancellationToken);
            scrapIds.Add(id);
            toValidate.Add(id);
        }

        foreach (var id in toValidate)
        {
            var result = await _client.CallAsync("stock.scrap", "action_validate", [id], cancellationToken: cancellationToken);
            if (IsAction(result, "stock.warn.insufficient.qty.scrap", out var warnContext))
            {
                // Odoo asks to confirm scrapping more than it believes is on hand: the goods are physically here.
                var warnId = await _client.CreateAsync("stock.warn.insufficient.qty.scrap", new Dictionary<string, object?>(), warnContext, cancellationToken);
                await _client.CallAsync("stock.warn.insufficient.qty.scrap", "action_done", [warnId], warnContext, cancellationToken);
            }
        }

        return new ReturnReceipt(picking.Id, "done", warehouse.StockLocationId, scrapIds, alreadyDone && toValidate.Count == 0);
    }

    private async Task<ReturnableQuantities> GetReturnableCoreAsync(long orderId, string? excludeReturnReference, CancellationToken cancellationToken)
    {
        var orders = await _client.ReadAsync("sale.order", [orderId], ["id", "name", "state", "order_line"], cancellationToken);
        if (orders.Count == 0)
        {
            throw new OdooBusinessException($"Sale order {orderId} does not exist.", "odoo.exceptions.MissingError", "sale.order", "read");
        }

        var order = orders[0];
        var orderLines = await _client.ReadAsync("sale.order.line", order.GetIds("order_line"), OrderLineFields, cancellationToken);
        var pickings = await _client.SearchReadAsync("stock.picking", [OdooDomain.Eq("sale_id", orderId)], PickingFields, order: "id", cancellationToken: cancellationToken);
        var moves = await _client.ReadAsync("stock.move", pickings.SelectMany(p => p.GetIds("move_ids")).ToList(), MoveFields, cancellationToken);
        var productIds = orderLines.Select(l => l.GetReferenceId("product_id")).Concat(moves.Select(m => m.GetReferenceId("product_id"))).OfType<long>().Distinct().ToList();
        var skus = await _client.Catalog.GetSkusAsync(productIds, cancellationToken);
        var byId = pickings.ToDictionary(p => p.Id);

        var ordered = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in orderLines)
        {
            if (line.GetReferenceId("product_id") is long product && skus.TryGetValue(product, out var sku) && sku != _client.Options.ShippingProductSku)
            {
                ordered[sku] = ordered.GetValueOrDefault(sku) + line.GetDecimal("product_uom_qty");
            }
        }

        var delivered = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var returned = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var move in moves)
        {
            if (move.GetReferenceId("picking_id") is not long pickingId || !byId.TryGetValue(pickingId, out var picking)
                || move.GetReferenceId("product_id") is not long product || !skus.TryGetValue(product, out var sku) || move.GetString("state") == "cancel")
            {
                continue;
            }

            var state = picking.GetString("state");
            if (picking.GetString("picking_type_code") == "outgoing" && picking.GetReferenceId("return_id") is null && state == "done")
            {
                delivered[sku] = delivered.GetValueOrDefault(sku) + move.GetDecimal("quantity");
            }
            else if (picking.GetString("picking_type_code") == "incoming" && state != "cancel"
                     && (excludeReturnReference is null || picking.GetString("origin") != excludeReturnReference))
            {
                returned[sku] = returned.GetValueOrDefault(sku) + (state == "done" ? move.GetDecimal("quantity") : move.GetDecimal("product_uom_qty"));
            }
        }

        var lastDelivered = pickings
            .Where(p => p.GetString("picking_type_code") == "outgoing" && p.GetReferenceId("return_id") is null && p.GetString("state") == "done")
            .Select(p => ParseDateTime(p.GetString("date_done")))
            .Max();
        var lines = ordered.Keys.Union(delivered.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(sku => new ReturnableLine(sku, ordered.GetValueOrDefault(sku), delivered.GetValueOrDefault(sku), returned.GetValueOrDefault(sku)))
            .ToList();
        return new ReturnableQuantities(orderId, order.GetString("name") ?? string.Empty, order.GetString("state") ?? string.Empty, lastDelivered, lines);
    }

    private async Task<ReturnLinesReceipt> ReceiveReturnLinesCoreAsync(ReceiveReturnLinesRequest request, CancellationToken cancellationToken)
    {
        var start = await _client.ReadAsync("stock.picking", [request.ReturnPickingId], PickingFields, cancellationToken);
        if (start.Count == 0)
        {
            throw new OdooBusinessException($"Return picking {request.ReturnPickingId} does not exist.", "odoo.exceptions.MissingError", "stock.picking", "read");
        }

        var reference = start[0].GetString("origin") ?? start[0].GetString("name") ?? request.ReturnPickingId.ToString(CultureInfo.InvariantCulture);
        var warehouse = await _client.Catalog.GetWarehouseAsync(cancellationToken);
        var products = await _client.Catalog.ResolveProductsAsync(request.Lines.Select(l => l.Sku), cancellationToken);
        var groups = new List<ReturnReceiptGroup>();
        var alreadyDone = true;
        foreach (var group in request.Lines.GroupBy(l => l.Disposition).OrderBy(g => g.Key))
        {
            var marker = $"{ReceiptMarker}{request.ReceiptReference}/{group.Key}";
            var chain = await ChainAsync(start[0], reference, cancellationToken);
            var target = group.Key switch
            {
                ReturnDisposition.Quarantine => await _client.Catalog.GetLocationIdAsync(_client.Options.QuarantineLocation, cancellationToken),
                ReturnDisposition.VendorReturn => await _client.Catalog.GetLocationIdAsync(_client.Options.VendorReturnLocation, cancellationToken),
                _ => warehouse.StockLocationId,
            };
            var wanted = group.GroupBy(l => products[l.Sku].Id).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            var picking = chain.FirstOrDefaultOrNull(p => p.GetString("carrier_tracking_ref") == marker && p.GetString("state") != "cancel");
            if (picking is not { } mine || mine.GetString("state") != "done")
            {
                alreadyDone = false;
                var open = picking ?? chain.FirstOrDefaultOrNull(p => OpenStates.Contains(p.GetString("state")) && !IsReceiptMarked(p));
                if (open is not { } current)
                {
                    throw new OdooBusinessException($"Return {reference} has nothing left to receive for receipt {request.ReceiptReference}.", null, "stock.picking", "button_validate");
                }

                await ValidateGroupAsync(current, marker, target, wanted, products, cancellationToken);
                picking = current;
            }

            var scrapIds = group.Key == ReturnDisposition.Scrap
                ? await ScrapReceivedAsync(picking.Value, $"{reference}/{request.ReceiptReference}", wanted, warehouse.StockLocationId, cancellationToken)
                : [];
            groups.Add(new ReturnReceiptGroup(group.Key, picking.Value.Id, picking.Value.GetString("name") ?? string.Empty, target, scrapIds));
        }

        var remaining = (await ChainAsync(start[0], reference, cancellationToken))
            .FirstOrDefaultOrNull(p => OpenStates.Contains(p.GetString("state")) && !IsReceiptMarked(p));
        return new ReturnLinesReceipt(groups, remaining?.Id, alreadyDone);
    }

    /// <summary>The return transfer and its backorders (same origin, incoming, same order).</summary>
    private async Task<IReadOnlyList<OdooRecord>> ChainAsync(OdooRecord start, string reference, CancellationToken cancellationToken)
    {
        if (start.GetString("origin") is null)
        {
            return await _client.ReadAsync("stock.picking", [start.Id], PickingFields, cancellationToken);
        }

        var domain = new List<object> { OdooDomain.Eq("origin", reference), OdooDomain.Eq("picking_type_code", "incoming") };
        if (start.GetReferenceId("sale_id") is long saleId)
        {
            domain.Add(OdooDomain.Eq("sale_id", saleId));
        }

        return await _client.SearchReadAsync("stock.picking", domain, PickingFields, order: "id", cancellationToken: cancellationToken);
    }

    private async Task ValidateGroupAsync(
        OdooRecord picking,
        string marker,
        long target,
        Dictionary<long, decimal> wanted,
        IReadOnlyDictionary<string, OdooProduct> products,
        CancellationToken cancellationToken)
    {
        var moves = (await _client.ReadAsync("stock.move", picking.GetIds("move_ids"), MoveFields, cancellationToken)).Where(m => m.GetString("state") != "cancel").ToList();
        foreach (var (productId, quantity) in wanted)
        {
            var open = moves.Where(m => m.GetReferenceId("product_id") == productId).Sum(m => m.GetDecimal("product_uom_qty"));
            if (quantity > open)
            {
                var sku = products.Values.First(p => p.Id == productId).Sku;
                throw new OdooBusinessException(string.Create(CultureInfo.InvariantCulture,
                    $"Receipt of {quantity:0.##} x {sku} on return {picking.GetString("origin")}: only {open:0.##} still expected on {picking.GetString("name")}."));
            }
        }

        var left = new Dictionary<long, decimal>(wanted);
        var commands = new List<object>(moves.Count);
        foreach (var move in moves)
        {
            var productId = move.GetReferenceId("product_id") ?? 0;
            var quantity = Math.Min(left.GetValueOrDefault(productId), move.GetDecimal("product_uom_qty"));
            left[productId] = left.GetValueOrDefault(productId) - quantity;
            commands.Add(new object[]
            {
                1,
                move.Id,
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["quantity"] = quantity, ["picked"] = quantity > 0 },
            });
        }

        // The marker is written with the quantities: a retry after a lost reply finds this transfer and validates it again.
        await _client.WriteAsync(
            "stock.picking",
            [picking.Id],
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["location_dest_id"] = target, ["carrier_tracking_ref"] = marker, ["move_ids"] = commands },
            cancellationToken: cancellationToken);
        var result = await _client.CallAsync("stock.picking", "button_validate", [picking.Id], cancellationToken: cancellationToken);
        if (IsAction(result, "stock.backorder.confirmation", out var actionContext))
        {
            var wizardId = await _client.CreateAsync("stock.backorder.confirmation", new Dictionary<string, object?>(), actionContext, cancellationToken);
            await _client.CallAsync("stock.backorder.confirmation", "process", [wizardId], actionContext, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<long>> ScrapReceivedAsync(OdooRecord picking, string origin, Dictionary<long, decimal> wanted, long stockLocationId, CancellationToken cancellationToken)
    {
        var scraps = await _client.SearchReadAsync("stock.scrap", [OdooDomain.Eq("origin", origin)], ScrapFields, cancellationToken: cancellationToken);
        var ids = new List<long>();
        foreach (var (productId, quantity) in wanted.OrderBy(w => w.Key))
        {
            long id;
            var state = "draft";
            if (scraps.FirstOrDefaultOrNull(s => s.GetReferenceId("product_id") == productId) is { } existing)
            {
                id = existing.Id;
                state = existing.GetString("state") ?? "draft";
            }
            else
            {
                id = await _client.CreateAsync(
                    "stock.scrap",
                    new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["product_id"] = productId,
                        ["scrap_qty"] = quantity,
                        ["location_id"] = stockLocationId,
                        ["origin"] = origin,
                        ["picking_id"] = picking.Id,
                    },
                    cancellationToken: cancellationToken);
            }

            if (state != "done")
            {
                var result = await _client.CallAsync("stock.scrap", "action_validate", [id], cancellationToken: cancellationToken);
                if (IsAction(result, "stock.warn.insufficient.qty.scrap", out var warnContext))
                {
                    var warnId = await _client.CreateAsync("stock.warn.insufficient.qty.scrap", new Dictionary<string, object?>(), warnContext, cancellationToken);
                    await _client.CallAsync("stock.warn.insufficient.qty.scrap", "action_done", [warnId], warnContext, cancellationToken);
                }
            }

            ids.Add(id);
        }

        return ids;
    }

    private async Task<bool> CancelReturnCoreAsync(long returnPickingId, CancellationToken cancellationToken)
    {
        var start = await _client.ReadAsync("stock.picking", [returnPickingId], PickingFields, cancellationToken);
        if (start.Count == 0)
        {
            throw new OdooBusinessException($"Return picking {returnPickingId} does not exist.", "odoo.exceptions.MissingError", "stock.picking", "read");
        }

        var reference = start[0].GetString("origin") ?? start[0].GetString("name") ?? string.Empty;
        var open = (await ChainAsync(start[0], reference, cancellationToken)).Where(p => OpenStates.Contains(p.GetString("state"))).Select(p => p.Id).ToList();
        if (open.Count == 0)
        {
            return false;
        }

        await _client.CallAsync("stock.picking", "action_cancel", open, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>True for a transfer another receipt has claimed (its validation is under way).</summary>
    private static bool IsReceiptMarked(OdooRecord picking) =>
        picking.GetString("carrier_tracking_ref")?.StartsWith(ReceiptMarker, StringComparison.Ordinal) == true;

    private static DateTimeOffset? ParseDateTime(string? text) =>
        text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;

    private Task ClaimAsync(long pickingId, string reference, CancellationToken cancellationToken) =>
        _client.WriteAsync(
            "stock.picking",
            [pickingId],
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["origin"] = reference },
            cancellationToken: cancellationToken);

    private static ReturnRef ToReturnRef(OdooRecord picking, string reference, bool created) =>
        new(picking.Id, picking.GetString("name") ?? string.Empty, picking.GetString("state") ?? string.Empty, reference, created);

    internal static bool IsAction(JsonElement result, string resModel, out Dictionary<string, object?>? context)
    {
        context = null;
        if (result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty("res_model", out var model) || model.GetString() != resModel)
        {
            return false;
        }

        if (result.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Object)
        {
            context = JsonSerializer.Deserialize<Dictionary<string, object?>>(ctx.GetRawText());
        }

        return true;
    }

    internal static long? ActionResId(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("res_id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt64() > 0
            ? id.GetInt64()
            : null;
}
