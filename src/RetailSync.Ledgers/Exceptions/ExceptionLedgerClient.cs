using System.Globalization;
using Azure;
using Azure.Data.Tables;
using RetailSync.Ledgers.Storage;

namespace RetailSync.Ledgers.Exceptions;

/// <summary>
/// Exception records in Table Storage: what needs an operator (parked workflows, dead-lettered and
/// unroutable events), listed by the ops endpoints and resolved there. Recording is idempotent on the id;
/// payloads are redacted (<see cref="PayloadRedactor"/>) and shortened before they are stored.
/// </summary>
public class ExceptionLedgerClient
{
    private const string Partition = "exception";
    private const int MaxConcurrencyRetries = 16;

    private readonly LedgerTable _table;
    private readonly TimeProvider _timeProvider;
    private readonly int _excerptLength;

    /// <summary>For mocking.</summary>
    protected ExceptionLedgerClient()
    {
        _table = null!;
        _timeProvider = TimeProvider.System;
    }

    public ExceptionLedgerClient(TableServiceClient serviceClient, LedgerOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = new LedgerTable(serviceClient, options.ExceptionsTable);
        _timeProvider = timeProvider;
        _excerptLength = options.PayloadExcerptLength;
    }

    /// <summary>
    /// Records an exception (status open). When a record with the same id exists, it is returned unchanged,
    /// so an activity that runs twice records once.
    /// </summary>
    public virtual async Task<ExceptionRecord> RecordAsync(ExceptionDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Reason);
        var table = await _table.GetAsync(cancellationToken);
        var now = _timeProvider.GetUtcNow();
        var id = string.IsNullOrWhiteSpace(draft.Id)
            ? string.Create(CultureInfo.InvariantCulture, $"ex-{now:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}")
            : draft.Id;
        var record = new ExceptionRecord(
            id,
            draft.Kind,
            Truncate(draft.Reason, 4096),
            draft.InstanceId,
            draft.BusinessKey,
            draft.EventId,
            PayloadRedactor.Redact(draft.Payload, _excerptLength),
            PayloadRedactor.Redact(draft.OdooResponse, _excerptLength),
            ExceptionStatus.Open,
            now,
            null,
            null,
            null);
        try
        {
            await table.AddEntityAsync(ToEntity(record), cancellationToken);
            return record;
        }
        catch (RequestFailedException ex) when (LedgerTable.IsConflict(ex))
        {
            return await GetAsync(id, cancellationToken)
                   ?? throw new InvalidOperationException($"Exception record '{id}' exists but could not be read.", ex);
        }
    }

    /// <summary>Reads one record, or null.</summary>
    public virtual async Task<ExceptionRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? FromEntity(row.Value) : null;
    }

    /// <summary>Open records, oldest id first, one page at a time (<paramref name="pageSize"/> 1 to 1000).</summary>
    public virtual Task<ExceptionPage> ListOpenAsync(int pageSize = 50, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        ListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {nameof(ExceptionStatus.Open)}"), pageSize, continuationToken, cancellationToken);

    /// <summary>Every record (open and resolved) of one workflow instance, one page at a time.</summary>
    public virtual Task<ExceptionPage> ListByInstanceAsync(string instanceId, int pageSize = 50, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return ListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and InstanceId eq {instanceId}"), pageSize, continuationToken, cancellationToken);
    }

    /// <summary>
    /// Marks a record resolved with what the operator decided. Resolving a resolved record returns it as it
    /// is (the first resolution stands). Returns null when there is no such record.
    /// </summary>
    public virtual async Task<ExceptionRecord?> ResolveAsync(string id, string resolution, string? resolvedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(resolution);
        var table = await _table.GetAsync(cancellationToken);
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
            if (!row.HasValue || row.Value is null)
            {
                return null;
            }

            var current = FromEntity(row.Value);
            if (current.Status == ExceptionStatus.Resolved)
            {
                return current;
            }

            var resolved = current with
            {
                Status = ExceptionStatus.Resolved,
                ResolvedAt = _timeProvider.GetUtcNow(),
                Resolution = Truncate(resolution, 4096),
                ResolvedBy = resolvedBy,
            };
            try
            {
                await table.UpdateEntityAsync(ToEntity(resolved), row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return resolved;
            }
            catch (RequestFailedException ex) when (LedgerTable.IsPreconditionFailed(ex))
            {
                // Changed meanwhile: read again.
            }
        }

        throw new InvalidOperationException($"Could not resolve exception record '{id}': it kept changing.");
    }

    private async Task<ExceptionPage> ListAsync(string filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var table = await _table.GetAsync(cancellationToken);
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken)
                           .AsPages(continuationToken, pageSize))
        {
            return new ExceptionPage(page.Values.Select(FromEntity).ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new ExceptionPage([], null);
    }

    private static TableEntity ToEntity(ExceptionRecord record) => new(Partition, TableKeys.Escape(record.Id))
    {
        ["Id"] = record.Id,
        ["Kind"] = record.Kind,
        ["Reason"] = record.Reason,
        ["InstanceId"] = record.InstanceId,
        ["BusinessKey"] = record.BusinessKey,
        ["EventId"] = record.EventId,
        ["PayloadExcerpt"] = record.PayloadExcerpt,
        ["OdooResponse"] = record.OdooResponse,
        ["Status"] = record.Status.ToString(),
        ["CreatedAt"] = record.CreatedAt,
        ["ResolvedAt"] = record.ResolvedAt,
        ["Resolution"] = record.Resolution,
        ["ResolvedBy"] = record.ResolvedBy,
    };

    private static ExceptionRecord FromEntity(TableEntity row) => new(
        row.GetString("Id") ?? row.RowKey,
        row.GetString("Kind") ?? string.Empty,
        row.GetString("Reason") ?? string.Empty,
        row.GetString("InstanceId"),
        row.GetString("BusinessKey"),
        row.GetString("EventId"),
        row.GetString("PayloadExcerpt"),
        row.GetString("OdooResponse"),
        Enum.TryParse<ExceptionStatus>(row.GetString("Status"), out var status) ? status : ExceptionStatus.Open,
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("ResolvedAt"),
        row.GetString("Resolution"),
        row.GetString("ResolvedBy"));

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
