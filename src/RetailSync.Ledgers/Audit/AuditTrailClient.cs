using System.Globalization;
using Azure.Data.Tables;
using RetailSync.Ledgers.Storage;

namespace RetailSync.Ledgers.Audit;

/// <summary>
/// Append-only audit trail in Table Storage: one partition per event id, rows in time order, never updated.
/// </summary>
public class AuditTrailClient
{
    private static long _sequence;

    private readonly LedgerTable _table;

    /// <summary>For mocking.</summary>
    protected AuditTrailClient() => _table = null!;

    public AuditTrailClient(TableServiceClient serviceClient, LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentNullException.ThrowIfNull(options);
        _table = new LedgerTable(serviceClient, options.AuditTable);
    }

    /// <summary>Appends one entry.</summary>
    public virtual async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.EventId);
        var table = await _table.GetAsync(cancellationToken);
        // Time, then a process-wide sequence (entries written in the same tick keep their order), then a
        // random suffix (writers in other processes never collide).
        var sequence = Interlocked.Increment(ref _sequence);
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{sequence:D19}-{Guid.NewGuid():N}");
        await table.AddEntityAsync(
            new TableEntity(TableKeys.Escape(entry.EventId), rowKey)
            {
                ["EventId"] = entry.EventId,
                ["Action"] = entry.Action,
                ["At"] = entry.At,
                ["Type"] = entry.Type,
                ["Subject"] = entry.Subject,
                ["InstanceId"] = entry.InstanceId,
                ["Detail"] = entry.Detail is { Length: > 2048 } d ? d[..2048] : entry.Detail,
            },
            cancellationToken);
    }

    /// <summary>What happened to one event, oldest first.</summary>
    public virtual async Task<IReadOnlyList<AuditEntry>> ListAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var table = await _table.GetAsync(cancellationToken);
        var partitionKey = TableKeys.Escape(eventId);
        var result = new List<AuditEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
        {
            result.Add(new AuditEntry(
                row.GetString("EventId") ?? eventId,
                row.GetString("Action") ?? string.Empty,
                row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                row.GetString("Type"),
                row.GetString("Subject"),
                row.GetString("InstanceId"),
                row.GetString("Detail")));
        }

        return result;
    }
}
