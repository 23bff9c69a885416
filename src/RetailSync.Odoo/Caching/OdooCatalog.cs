using RetailSync.Odoo.Protocol;

namespace RetailSync.Odoo.Caching;

/// <summary>
/// Ids the operations need again and again, fetched in one batched call each and kept for the configured TTL:
/// products by SKU (and SKU by product id), the warehouse and its stock location, named locations, journals,
/// countries and customers by channel reference.
/// </summary>
internal sealed class OdooCatalog
{
    private static readonly string[] JournalTypes = ["bank", "cash", "sale"];
    private static readonly string[] ProductFields = ["id", "default_code", "display_name", "lst_price", "type"];

    private readonly OdooClient _client;
    private readonly TtlCache<string, OdooProduct> _productsBySku;
    private readonly TtlCache<long, string> _skuByProductId;
    private readonly TtlCache<string, long> _partnersByRef;
    private readonly TtlCache<string, long> _locationsByName;
    private readonly TtlCache<string, long> _countriesByCode;
    private readonly TtlCache<int, OdooWarehouse> _warehouse;
    private readonly TtlCache<int, IReadOnlyList<OdooJournal>> _journals;
    private readonly SemaphoreSlim[] _customerGates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public OdooCatalog(OdooClient client)
    {
        _client = client;
        var time = client.TimeProvider;
        var ttl = client.Options.CacheTtl;
        _productsBySku = new(time, ttl, StringComparer.Ordinal);
        _skuByProductId = new(time, ttl);
        _partnersByRef = new(time, ttl, StringComparer.Ordinal);
        _locationsByName = new(time, ttl, StringComparer.Ordinal);
        _countriesByCode = new(time, ttl, StringComparer.OrdinalIgnoreCase);
        _warehouse = new(time, ttl);
        _journals = new(time, ttl);
    }

    /// <summary>Resolves every SKU in one call for the cache misses; reports all unknown SKUs at once.</summary>
    public async Task<IReadOnlyDictionary<string, OdooProduct>> ResolveProductsAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var wanted = skus.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, OdooProduct>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var sku in wanted)
        {
            if (_productsBySku.TryGet(sku, out var product))
            {
                found[sku] = product;
            }
            else
            {
                missing.Add(sku);
            }
        }

        if (missing.Count > 0)
        {
            var records = await _client.SearchReadAsync(
                "product.product",
                [OdooDomain.In("default_code", missing)],
                ProductFields,
                cancellationToken: cancellationToken);
            foreach (var record in records)
            {
                var sku = record.GetString("default_code");
                if (sku is null || found.ContainsKey(sku))
                {
                    continue;
                }

                var product = new OdooProduct(record.Id, sku, record.GetString("display_name") ?? sku, record.GetDecimal("lst_price"), record.GetString("type") ?? "consu");
                found[sku] = product;
                _productsBySku.Set(sku, product);
                _skuByProductId.Set(product.Id, sku);
            }

            var unknown = wanted.Where(sku => !found.ContainsKey(sku)).ToList();
            if (unknown.Count > 0)
            {
                throw new OdooUnknownProductsException(unknown);
            }
        }

        return found;
    }

    /// <summary>SKUs of the given product ids (one read for the ids not cached).</summary>
    public async Task<IReadOnlyDictionary<long, string>> GetSkusAsync(IEnumerable<long> productIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, string>();
        var missing = new List<long>();
        foreach (var id in productIds.Distinct())
        {
            if (_skuByProductId.TryGet(id, out var sku))
            {
                result[id] = sku;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var record in await _client.ReadAsync("product.product", missing, ProductFields, cancellationToken))
            {
                if (record.GetString("default_code") is { } sku)
                {
                    result[record.Id] = sku;
                    _skuByProductId.Set(record.Id, sku);
                    _productsBySku.Set(sku, new OdooProduct(record.Id, sku, record.GetString("display_name") ?? sku, record.GetDecimal("lst_price"), record.GetString("type") ?? "consu"));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Runs a customer lookup-then-create alone among callers of this client with the same key (e-mail or reference),
    /// so two orders of one new customer arriving together create one partner. Other processes are not covered.
    /// </summary>
    public async Task<T> SerializeCustomerAsync<T>(string key, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        var gate = _customerGates[(int)((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(key) % (uint)_customerGates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await body();
        }
        finally
        {
            gate.Release();
        }
    }

    public bool TryGetPartner(string reference, out long partnerId) => _partnersByRef.TryGet(reference, out partnerId);

    public void RememberPartner(string reference, long partnerId) => _partnersByRef.Set(reference, partnerId);

    public void ForgetPartner(string reference) => _partnersByRef.Remove(reference);

    public async Task<OdooWarehouse> GetWarehouseAsync(CancellationToken cancellationToken)
    {
        if (_warehouse.TryGet(0, out var cached))
        {
            return cached;
        }

        var records = await _client.SearchReadAsync("stock.warehouse", [], ["id", "code", "lot_stock_id"], limit: 1, order: "id", cancellationToken: cancellationToken);
        if (records.Count == 0 || records[0].GetReferenceId("lot_stock_id") is not { } stockLocationId)
        {
            throw new OdooBusinessException("Odoo has no warehouse with a stock location.");
        }

        var warehouse = new OdooWarehouse(records[0].Id, stockLocationId);
        _warehouse.Set(0, warehouse);
        return warehouse;
    }

    public async Task<long> GetLocationIdAsync(string completeName, CancellationToken cancellationToken)
    {
        if (_locationsByName.TryGet(completeName, out var id))
        {
            return id;
        }

        var records = await _client.SearchReadAsync(
            "stock.location",
            [OdooDomain.Eq("complete_name", completeName)],
            ["id", "complete_name"],
            limit: 1,
            cancellationToken: cancellationToken);
        if (records.Count == 0)
        {
            throw new OdooBusinessException($"Odoo has no location named '{completeName}'.");
        }

        _locationsByName.Set(completeName, records[0].Id);
        return records[0].Id;
    }

    public async Task<IReadOnlyList<OdooJournal>> GetJournalsAsync(CancellationToken cancellationToken)
    {
        if (_journals.TryGet(0, out var cached))
        {
            return cached;
        }

        var records = await _client.SearchReadAsync(
            "account.journal",
            [OdooDomain.In("type", JournalTypes)],
            ["id", "code", "type", "name"],
            order: "sequence, id",
            cancellationToken: cancellationToken);
        var journals = records.Select(r => new OdooJournal(r.Id, r.GetString("code") ?? string.Empty, r.GetString("type") ?? string.Empty)).ToList();
        _journals.Set(0, journals);
        return journals;
    }

    public async Task<long> GetCountryIdAsync(string isoCode, CancellationToken cancellationToken)
    {
        if (_countriesByCode.TryGet(isoCode, out var id))
        {
            return id;
        }

        var records = await _client.SearchReadAsync(
            "res.country",
            [OdooDomain.Eq("code", isoCode.ToUpperInvariant())],
            ["id", "code"],
            limit: 1,
            cancellationToken: cancellationToken);
        if (records.Count == 0)
        {
            throw new OdooBusinessException($"Odoo has no country with code '{isoCode}'.");
        }

        _countriesByCode.Set(isoCode, records[0].Id);
        return records[0].Id;
    }
}
