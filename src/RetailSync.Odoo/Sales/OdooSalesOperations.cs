using RetailSync.Odoo.Protocol;

namespace RetailSync.Odoo;

/// <summary>
/// Customers, products and sale orders. Every write is looked up first, so an operation repeated after a lost
/// reply finds what Odoo committed. A known customer's order is placed in 2 round trips (order lookup, create)
/// and confirmed in 1; a new customer's costs one lookup and one create more, and no order lookup.
/// </summary>
public class OdooSalesOperations
{
    private static readonly string[] PartnerFields = ["id", "ref", "email", "parent_id"];
    private static readonly string[] OrderLookupFields = ["id", "partner_id", "state", "client_order_ref"];
    private static readonly string[] OrderStatusFields =
        ["id", "name", "state", "invoice_status", "delivery_status", "amount_untaxed", "amount_tax", "amount_total", "picking_ids", "invoice_ids", "client_order_ref"];

    private static readonly IReadOnlyDictionary<string, object?> CancelContext =
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["disable_cancel_warning"] = true };

    private readonly OdooClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected OdooSalesOperations()
    {
    }

    public OdooSalesOperations(OdooClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Finds the customer's partner by reference or e-mail, or creates it with its addresses.</summary>
    public virtual Task<CustomerRef> EnsureCustomerAsync(CustomerRequest customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return _client.RunIdempotentAsync("ensure_customer", ct => EnsureCustomerCoreAsync(customer, ct), cancellationToken);
    }

    /// <summary>Resolves all SKUs in one call (cached by SKU); throws <see cref="OdooUnknownProductsException"/> listing every unknown SKU.</summary>
    public virtual Task<IReadOnlyDictionary<string, OdooProduct>> ResolveProductsAsync(IEnumerable<string> skus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var list = skus.ToList();
        return _client.RunIdempotentAsync("resolve_products", ct => _client.Catalog.ResolveProductsAsync(list, ct), cancellationToken);
    }

    /// <summary>
    /// Places the order as a quotation (draft), or returns the one already placed with the same
    /// <see cref="SaleOrderRequest.ClientOrderRef"/>. Unknown SKUs are all reported before anything is written.
    /// </summary>
    public virtual Task<SaleOrderRef> CreateSaleOrderAsync(SaleOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        return _client.RunIdempotentAsync("create_sale_order", ct => CreateSaleOrderCoreAsync(request, ct), cancellationToken);
    }

    /// <summary>Finds an order by channel and external id (no write).</summary>
    public virtual async Task<SaleOrderRef?> FindSaleOrderAsync(string channel, string externalOrderId, CancellationToken cancellationToken = default)
    {
        var clientOrderRef = $"{channel}:{externalOrderId}";
        var found = await _client.RunIdempotentAsync(
            "find_sale_order",
            ct => _client.SearchReadAsync("sale.order", [OdooDomain.Eq("client_order_ref", clientOrderRef)], OrderLookupFields, limit: 1, order: "id", cancellationToken: ct),
            cancellationToken);
        return found.Count == 0 ? null : ToRef(found[0], clientOrderRef);
    }

    /// <summary>Confirms the order (<c>draft -> sale</c>; the delivery is created). Confirming a confirmed order succeeds.</summary>
    public virtual Task ConfirmSaleOrderAsync(long orderId, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync(
            "confirm_sale_order",
            async ct =>
            {
                try
                {
                    await _client.CallAsync("sale.order", "action_confirm", [orderId], cancellationToken: ct);
                }
                catch (OdooBusinessException)
                {
                    // Already confirmed by a call whose reply was lost? Then Odoo's refusal is success.
                    if (await ReadStateAsync(orderId, ct) != "sale")
                    {
                        throw;
                    }
                }

                return true;
            },
            cancellationToken);

    /// <summary>Cancels the order and its open pickings (with <c>disable_cancel_warning</c>, as the wizard would).</summary>
    public virtual Task CancelSaleOrderAsync(long orderId, CancellationToken cancellationToken = default) =>
        _client.RunIdempotentAsync(
            "cancel_sale_order",
            async ct =>
            {
                try
                {
                    var result = await _client.CallAsync("sale.order", "action_cancel", [orderId], CancelContext, ct);
                    if (result.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.Null)
                    {
                        return true;
                    }
                }
                catch (OdooBusinessException)
                {
                    if (await ReadStateAsync(orderId, ct) != "cancel")
                    {
                        throw;
                    }

                    return true;
                }

                // Odoo answered with an action (the cancel wizard): make sure the order really is cancelled.
                var state = await ReadStateAsync(orderId, ct);
                return state == "cancel"
                    ? true
                    : throw new OdooBusinessException($"Odoo did not cancel sale order {orderId} (state '{state}').", null, "sale.order", "action_cancel");
            },
            cancellationToken);

    /// <summary>Reads state, invoice and delivery status, amounts, pickings and invoices in one call.</summary>
    public virtual async Task<SaleOrderStatus> GetSaleOrderStatusAsync(long orderId, CancellationToken cancellationToken = default)
    {
        var records = await _client.RunIdempotentAsync(
            "read_sale_order",
            ct => _client.ReadAsync("sale.order", [orderId], OrderStatusFields, ct),
            cancellationToken);
        if (records.Count == 0)
        {
            throw new OdooBusinessException($"Sale order {orderId} does not exist.", "odoo.exceptions.MissingError", "sale.order", "read");
        }

        var r = records[0];
        return new SaleOrderStatus(
            r.Id,
            r.GetString("name") ?? string.Empty,
            r.GetString("state") ?? string.Empty,
            r.GetString("invoice_status") ?? "no",
            r.GetString("delivery_status"),
            r.GetDecimal("amount_untaxed"),
            r.GetDecimal("amount_tax"),
            r.GetDecimal("amount_total"),
            r.GetIds("picking_ids"),
            r.GetIds("invoice_ids"))
        {
            ClientOrderRef = r.GetString("client_order_ref"),
        };
    }

    internal Task<CustomerRef> EnsureCustomerCoreAsync(CustomerRequest customer, CancellationToken cancellationToken)
    {
        if (_client.Catalog.TryGetPartner(customer.PartnerReference, out var cachedId))
        {
            return Task.FromResult(new CustomerRef(cachedId, customer.PartnerReference, Created: false));
        }

        return _client.Catalog.SerializeCustomerAsync(
            string.IsNullOrWhiteSpace(customer.Email) ? customer.PartnerReference : customer.Email,
            () => FindOrCreateCustomerAsync(customer, cancellationToken),
            cancellationToken);
    }

    private async Task<CustomerRef> FindOrCreateCustomerAsync(CustomerRequest customer, CancellationToken cancellationToken)
    {
        var reference = customer.PartnerReference;
        if (_client.Catalog.TryGetPartner(reference, out var cachedId))
        {
            return new CustomerRef(cachedId, reference, Created: false);
        }

        IReadOnlyList<object> domain = string.IsNullOrWhiteSpace(customer.Email)
            ? [OdooDomain.Eq("ref", reference)]
            : ["|", OdooDomain.Eq("ref", reference), OdooDomain.Term("email", "=ilike", customer.Email)];
        var found = await _client.SearchReadAsync("res.partner", domain, PartnerFields, limit: 5, order: "id", cancellationToken: cancellationToken);
        if (found.Count > 0)
        {
            var partnerId = ChooseExistingPartner(found, reference);
            _client.Catalog.RememberPartner(reference, partnerId);
            return new CustomerRef(partnerId, reference, Created: false);
        }

        var values = await AddressValuesAsync(customer.BillingAddress, cancellationToken);
        values["name"] = customer.Name;
        values["ref"] = reference;
        values["email"] = customer.Email;
        values["phone"] = customer.Phone;
        if (customer.ShippingAddress is { } shipping && shipping != customer.BillingAddress)
        {
            var delivery = await AddressValuesAsync(shipping, cancellationToken);
            delivery["type"] = "delivery";
            delivery["name"] = customer.Name;
            values["child_ids"] = new object[] { new object[] { 0, 0, delivery } };
        }

        var id = await _client.CreateAsync("res.partner", values, cancellationToken: cancellationToken);
        _client.Catalog.RememberPartner(reference, id);
        return new CustomerRef(id, reference, Created: true);
    }

    /// <summary>
    /// The partner to use among those found by reference or e-mail: the one carrying the reference (lowest id, should
    /// a race ever have made two), else the e-mail's partner when every match belongs to one commercial entity (a
    /// company and its contacts count as one). Matches spread over several commercial entities are a conflict.
    /// </summary>
    private static long ChooseExistingPartner(IReadOnlyList<OdooRecord> found, string reference)
    {
        if (found.FirstOrDefaultOrNull(p => p.GetString("ref") == reference) is { } own)
        {
            return own.Id;
        }

        var commercial = found.Select(p => p.GetReferenceId("parent_id") ?? p.Id).Distinct().Order().ToList();
        if (commercial.Count > 1)
        {
            throw new OdooCustomerConflictException(reference, commercial);
        }

        return (found.FirstOrDefaultOrNull(p => p.Id == commercial[0]) ?? found[0]).Id;
    }

    private async Task<SaleOrderRef> CreateSaleOrderCoreAsync(SaleOrderRequest request, CancellationToken cancellationToken)
    {
        var shippingSku = request.Shipping is null ? null : request.Shipping.Sku ?? _client.Options.ShippingProductSku;
        var skus = request.Lines.Select(l => l.Sku).ToList();
        if (shippingSku is not null)
        {
            skus.Add(shippingSku);
        }

        // Products first: an order with unknown SKUs must not leave a new partner behind.
        var products = await _client.Catalog.ResolveProductsAsync(skus, cancellationToken);
        var customer = await EnsureCustomerCoreAsync(request.Customer, cancellationToken);
        var clientOrderRef = request.ClientOrderRef;

        // A partner created by this very attempt cannot have orders yet: skip the lookup (one round trip fewer).
        if (!customer.Created)
        {
            var existing = await _client.SearchReadAsync(
                "sale.order",
                [OdooDomain.Eq("client_order_ref", clientOrderRef)],
                OrderLookupFields,
                limit: 1,
                order: "id",
                cancellationToken: cancellationToken);
            if (existing.Count > 0)
            {
                return ToRef(existing[0], clientOrderRef);
            }
        }

        var policy = request.PricePolicy ?? _client.Options.PricePolicy;
        var lines = new List<object>(request.Lines.Count + 1);
        foreach (var line in request.Lines)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["product_id"] = products[line.Sku].Id,
                ["product_uom_qty"] = line.Quantity,
            };
            if (policy == OdooPricePolicy.ChannelPrice)
            {
                values["price_unit"] = line.UnitPrice;
            }

            if (line.DiscountPercent != 0)
            {
                values["discount"] = line.DiscountPercent;
            }

            lines.Add(new object[] { 0, 0, values });
        }

        if (request.Shipping is { } charge)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["product_id"] = products[shippingSku!].Id,
                ["product_uom_qty"] = 1m,
                ["price_unit"] = charge.Amount,
            };
            if (charge.Description is not null)
            {
                values["name"] = charge.Description;
            }

            lines.Add(new object[] { 0, 0, values });
        }

        var order = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["partner_id"] = customer.PartnerId,
            ["client_order_ref"] = clientOrderRef,
            ["order_line"] = lines,
        };
        var id = await _client.CreateAsync("sale.order", order, cancellationToken: cancellationToken);
        return new SaleOrderRef(id, clientOrderRef, customer.PartnerId, Created: true);
    }

    private async Task<string?> ReadStateAsync(long orderId, CancellationToken cancellationToken)
    {
        var records = await _client.ReadAsync("sale.order", [orderId], OrderLookupFields, cancellationToken);
        return records.Count == 0 ? null : records[0].GetString("state");
    }

    private async Task<Dictionary<string, object?>> AddressValuesAsync(PostalAddress? address, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (address is null)
        {
            return values;
        }

        values["street"] = address.Street;
        values["street2"] = address.Street2;
        values["city"] = address.City;
        values["zip"] = address.Zip;
        if (!string.IsNullOrWhiteSpace(address.CountryCode))
        {
            values["country_id"] = await _client.Catalog.GetCountryIdAsync(address.CountryCode, cancellationToken);
        }

        return values;
    }

    private static SaleOrderRef ToRef(OdooRecord record, string clientOrderRef) =>
        new(record.Id, clientOrderRef, record.GetReferenceId("partner_id") ?? 0, Created: false)
        {
            State = record.GetString("state") ?? string.Empty,
        };

    private static void Validate(SaleOrderRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ExternalOrderId);
        ArgumentNullException.ThrowIfNull(request.Customer);
        ArgumentNullException.ThrowIfNull(request.Lines);
        if (request.Lines.Count == 0)
        {
            throw new ArgumentException("A sale order needs at least one line.", nameof(request));
        }

        foreach (var line in request.Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Sku) || line.Quantity <= 0 || line.UnitPrice < 0 || line.DiscountPercent is < 0 or > 100)
            {
                throw new ArgumentException($"Invalid line '{line.Sku}': a SKU, a positive quantity, a price >= 0 and a discount in 0..100 are required.", nameof(request));
            }
        }
    }
}
