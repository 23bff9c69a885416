using Azure;
using Azure.Data.Tables;
using RetailSync.Ledgers.Storage;

namespace RetailSync.Ledgers.CrossReferences;

/// <summary>
/// Links business keys (subject form, e.g. <c>order/shopify/acme.myshopify.com/1001</c>) to the other names
/// they go by: gateway payment references, shipment and return subjects, Odoo ids. Queryable both ways;
/// links are idempotent upserts (two rows, one per direction, each written with a plain upsert).
/// </summary>
public class CrossReferenceLedgerClient
{
    private const string ForwardPrefix = "key";
    private const string ReversePrefix = "ref";

    private readonly LedgerTable _table;
    private readonly TimeProvider _timeProvider;

    /// <summary>For mocking.</summary>
    protected CrossReferenceLedgerClient()
    {
        _table = null!;
        _timeProvider = TimeProvider.System;
    }

    public CrossReferenceLedgerClient(TableServiceClient serviceClient, LedgerOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = new LedgerTable(serviceClient, options.CrossReferencesTable);
        _timeProvider = timeProvider;
    }

    /// <summary>Records that <paramref name="businessKey"/> is also known as <paramref name="reference"/>. Idempotent.</summary>
    public virtual async Task LinkAsync(string businessKey, ExternalReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(businessKey);
        ArgumentNullException.ThrowIfNull(reference);
        var table = await _table.GetAsync(cancellationToken);
        var now = _timeProvider.GetUtcNow();

        // Reverse row first: resolution (reference -> key) is what routing waits for.
        await table.UpsertEntityAsync(
            new TableEntity(ReverseKey(reference), TableKeys.Escape(businessKey))
            {
                ["System"] = reference.System,
                ["Value"] = reference.Value,
                ["BusinessKey"] = businessKey,
                ["UpdatedAt"] = now,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(TableKeys.Compose(ForwardPrefix, businessKey), TableKeys.Escape(reference.System) + "|" + TableKeys.Escape(reference.Value))
            {
                ["System"] = reference.System,
                ["Value"] = reference.Value,
                ["BusinessKey"] = businessKey,
                ["UpdatedAt"] = now,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Removes a link (both directions). Returns false when there was none.</summary>
    public virtual async Task<bool> UnlinkAsync(string businessKey, ExternalReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(businessKey);
        ArgumentNullException.ThrowIfNull(reference);
        var table = await _table.GetAsync(cancellationToken);
        var forward = await table.DeleteEntityAsync(
            TableKeys.Compose(ForwardPrefix, businessKey), TableKeys.Escape(reference.System) + "|" + TableKeys.Escape(reference.Value), ETag.All, cancellationToken);
        var reverse = await table.DeleteEntityAsync(ReverseKey(reference), TableKeys.Escape(businessKey), ETag.All, cancellationToken);
        return forward.Status != 404 || reverse.Status != 404;
    }

    /// <summary>The references of a business key, optionally only those of one system.</summary>
    public virtual async Task<IReadOnlyList<ExternalReference>> GetReferencesAsync(string businessKey, string? system = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(businessKey);
        var table = await _table.GetAsync(cancellationToken);
        var partitionKey = TableKeys.Compose(ForwardPrefix, businessKey);
        var filter = system is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and System eq {system}");
        var result = new List<ExternalReference>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(new ExternalReference(row.GetString("System")!, row.GetString("Value")!));
        }

        return result;
    }

    /// <summary>The first reference of a system for a business key (e.g. its Odoo sale order id), or null.</summary>
    public virtual async Task<string?> GetReferenceAsync(string businessKey, string system, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        var references = await GetReferencesAsync(businessKey, system, cancellationToken);
        return references.Count == 0 ? null : references[0].Value;
    }

    /// <summary>Every business key known by <paramref name="reference"/> (usually one), ordinal order.</summary>
    public virtual async Task<IReadOnlyList<string>> FindBusinessKeysAsync(ExternalReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var table = await _table.GetAsync(cancellationToken);
        var partitionKey = ReverseKey(reference);
        var result = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
        {
            result.Add(row.GetString("BusinessKey")!);
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>The business key known by <paramref name="reference"/> of the given kind (e.g. <c>order</c>), or null.</summary>
    public virtual async Task<string?> FindBusinessKeyAsync(ExternalReference reference, string? kind = null, CancellationToken cancellationToken = default)
    {
        var keys = await FindBusinessKeysAsync(reference, cancellationToken);
        return keys.FirstOrDefault(k => kind is null || k.StartsWith(kind + "/", StringComparison.Ordinal));
    }

    private static string ReverseKey(ExternalReference reference) =>
        ReversePrefix + "|" + TableKeys.Escape(reference.System) + "|" + TableKeys.Escape(reference.Value);
}
