using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Storage;

namespace RetailSync.Ledgers.Unrouted;

/// <summary>
/// Events that cannot be routed yet (a payment before its order), partitioned by the reference they wait
/// for so that linking the reference releases them with one partition query. Bodies are kept whole (split
/// over binary properties of at most 64 KiB).
/// </summary>
public class UnroutedLedgerClient
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxChunks = 14;

    private readonly LedgerTable _table;

    /// <summary>For mocking.</summary>
    protected UnroutedLedgerClient() => _table = null!;

    public UnroutedLedgerClient(TableServiceClient serviceClient, LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentNullException.ThrowIfNull(options);
        _table = new LedgerTable(serviceClient, options.UnroutedTable);
    }

    /// <summary>Parks an event. Idempotent: parking it again keeps the first park time.</summary>
    public virtual async Task<ParkedEvent> ParkAsync(ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        if (parked.Body.Length > ChunkSize * MaxChunks)
        {
            throw new ArgumentException($"The event body ({parked.Body.Length} bytes) is too large to park.", nameof(parked));
        }

        var table = await _table.GetAsync(cancellationToken);
        var entity = new TableEntity(PartitionKey(parked.Reference), TableKeys.Escape(parked.EventId))
        {
            ["EventId"] = parked.EventId,
            ["System"] = parked.Reference.System,
            ["Value"] = parked.Reference.Value,
            ["Type"] = parked.Type,
            ["Subject"] = parked.Subject,
            ["ContentType"] = parked.ContentType,
            ["ParkedAt"] = parked.ParkedAt,
        };
        var chunks = 0;
        for (var offset = 0; offset < parked.Body.Length; offset += ChunkSize)
        {
            entity["Body" + chunks] = parked.Body.Slice(offset, Math.Min(ChunkSize, parked.Body.Length - offset)).ToArray();
            chunks++;
        }

        entity["BodyChunks"] = chunks;
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return parked;
        }
        catch (RequestFailedException ex) when (LedgerTable.IsConflict(ex))
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return existing.HasValue && existing.Value is not null ? FromEntity(existing.Value) : parked;
        }
    }

    /// <summary>Events waiting for <paramref name="reference"/>.</summary>
    public virtual async Task<IReadOnlyList<ParkedEvent>> ListAsync(ExternalReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var table = await _table.GetAsync(cancellationToken);
        var partitionKey = PartitionKey(reference);
        var result = new List<ParkedEvent>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(row));
        }

        return result;
    }

    /// <summary>Every parked event (for the deadline sweep), in storage order.</summary>
    public virtual async IAsyncEnumerable<ParkedEvent> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            yield return FromEntity(row);
        }
    }

    /// <summary>Remembers the exception record raised for an event parked past its deadline.</summary>
    public virtual async Task MarkExceptionAsync(ParkedEvent parked, string exceptionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(PartitionKey(parked.Reference), TableKeys.Escape(parked.EventId)) { ["ExceptionId"] = exceptionId },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken);
        }
        catch (RequestFailedException ex) when (LedgerTable.IsNotFound(ex))
        {
            // Released meanwhile: nothing to mark.
        }
    }

    /// <summary>Removes a parked event once it was raised. Returns false when it was already gone.</summary>
    public virtual async Task<bool> RemoveAsync(ExternalReference reference, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var table = await _table.GetAsync(cancellationToken);
        var response = await table.DeleteEntityAsync(PartitionKey(reference), TableKeys.Escape(eventId), ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private static string PartitionKey(ExternalReference reference) =>
        TableKeys.Escape(reference.System) + "|" + TableKeys.Escape(reference.Value);

    private static ParkedEvent FromEntity(TableEntity row)
    {
        var chunks = row.GetInt32("BodyChunks") ?? 0;
        var parts = new List<byte[]>(chunks);
        for (var i = 0; i < chunks; i++)
        {
            parts.Add(row.GetBinary("Body" + i) ?? []);
        }

        var body = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(body, offset);
            offset += part.Length;
        }

        return new ParkedEvent(
            row.GetString("EventId") ?? string.Empty,
            new ExternalReference(row.GetString("System") ?? "unknown", row.GetString("Value") ?? "unknown"),
            row.GetString("Type") ?? string.Empty,
            row.GetString("Subject") ?? string.Empty,
            row.GetString("ContentType") ?? string.Empty,
            body,
            row.GetDateTimeOffset("ParkedAt") ?? DateTimeOffset.MinValue,
            row.GetString("ExceptionId"));
    }
}
