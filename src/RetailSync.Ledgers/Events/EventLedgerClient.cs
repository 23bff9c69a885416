using Azure;
using Azure.Data.Tables;
using RetailSync.Ledgers.Storage;

namespace RetailSync.Ledgers.Events;

/// <summary>
/// The dispatcher's idempotency ledger in Table Storage. One row per event id, created with a conditional
/// insert: the first dispatcher to insert holds a lease (<see cref="EventLedgerState.Claimed"/>) and completes
/// the row after the workflow runtime accepted the event; a copy that arrives meanwhile sees the live lease
/// and retries later; a copy that arrives after completion is a duplicate. A dispatcher that crashed leaves
/// a lease that expires and is retaken, so no event is lost. Every change is conditional on the ETag.
/// Also keeps, per business object, the newest source version seen (staleness watermark).
/// </summary>
public class EventLedgerClient
{
    private const string EventPrefix = "event";
    private const string VersionPrefix = "version";
    private const int MaxConcurrencyRetries = 16;

    private readonly LedgerTable _table;
    private readonly TimeProvider _timeProvider;

    /// <summary>For mocking.</summary>
    protected EventLedgerClient()
    {
        _table = null!;
        _timeProvider = TimeProvider.System;
    }

    public EventLedgerClient(TableServiceClient serviceClient, LedgerOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = new LedgerTable(serviceClient, options.EventsTable);
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Claims an event for dispatch: inserts its row, or takes over a row whose lease expired, which is
    /// <see cref="EventLedgerState.Parked"/> or <see cref="EventLedgerState.DeadLettered"/> (a replay).
    /// </summary>
    public virtual async Task<EventClaimResult> TryClaimAsync(
        string eventId,
        string? type,
        string? subject,
        TimeSpan lease,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var table = await _table.GetAsync(cancellationToken);
        var partitionKey = TableKeys.Compose(EventPrefix, eventId);

        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var now = _timeProvider.GetUtcNow();
            var entity = new TableEntity(partitionKey, string.Empty)
            {
                ["EventId"] = eventId,
                ["State"] = nameof(EventLedgerState.Claimed),
                ["Type"] = type,
                ["Subject"] = subject,
                ["Attempts"] = 1,
                ["LeaseUntil"] = now + lease,
                ["FirstSeenAt"] = now,
                ["UpdatedAt"] = now,
            };
            try
            {
                var added = await table.AddEntityAsync(entity, cancellationToken);
                return new EventClaimResult(
                    EventClaimStatus.Claimed,
                    new EventClaim(eventId, added.Headers.ETag ?? ETag.All, now + lease, 1, null),
                    null);
            }
            catch (RequestFailedException ex) when (LedgerTable.IsConflict(ex))
            {
                // Seen before: decide from the row.
            }

            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, string.Empty, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value is null)
            {
                continue; // Deleted in between: insert again.
            }

            var row = existing.Value;
            var current = ToEntry(row);
            if (current.IsFinal)
            {
                return new EventClaimResult(EventClaimStatus.AlreadyProcessed, null, current);
            }

            if (current.State == EventLedgerState.Claimed && current.LeaseUntil is { } until && until > now)
            {
                return new EventClaimResult(EventClaimStatus.InProgress, null, current);
            }

            row["State"] = nameof(EventLedgerState.Claimed);
            row["Attempts"] = current.Attempts + 1;
            row["LeaseUntil"] = now + lease;
            row["UpdatedAt"] = now;
            row["Type"] = type ?? current.Type;
            row["Subject"] = subject ?? current.Subject;
            try
            {
                var updated = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return new EventClaimResult(
                    EventClaimStatus.Claimed,
                    new EventClaim(eventId, updated.Headers.ETag ?? ETag.All, now + lease, current.Attempts + 1, current.State),
                    current);
            }
            catch (RequestFailedException ex) when (LedgerTable.IsPreconditionFailed(ex) || LedgerTable.IsNotFound(ex))
            {
                // Someone else changed it first: look again.
            }
        }

        throw new InvalidOperationException($"Could not claim event '{eventId}': the ledger row kept changing.");
    }

    /// <summary>
    /// Extends a claim right before the irreversible step. Returns the renewed claim, or null when the lease
    /// was lost (another dispatcher retook it): the caller must then not raise the event.
    /// </summary>
    public virtual async Task<EventClaim?> RenewAsync(EventClaim claim, TimeSpan lease, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var now = _timeProvider.GetUtcNow();
        var changes = new TableEntity(TableKeys.Compose(EventPrefix, claim.EventId), string.Empty)
        {
            ["LeaseUntil"] = now + lease,
            ["UpdatedAt"] = now,
        };
        if (instanceId is not null)
        {
            changes["InstanceId"] = instanceId;
        }

        var etag = await TryMergeAsync(changes, claim.ETag, cancellationToken);
        return etag is null ? null : claim with { ETag = etag.Value, LeaseUntil = now + lease };
    }

    /// <summary>
    /// Moves a claimed event to its next state (final, parked or dead-lettered). Returns false when the
    /// claim was lost meanwhile.
    /// </summary>
    public virtual async Task<bool> CompleteAsync(
        EventClaim claim,
        EventLedgerState state,
        string? instanceId = null,
        string? detail = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (state == EventLedgerState.Claimed)
        {
            throw new ArgumentException("Completing a claim must leave the Claimed state.", nameof(state));
        }

        var changes = new TableEntity(TableKeys.Compose(EventPrefix, claim.EventId), string.Empty)
        {
            ["State"] = state.ToString(),
            ["UpdatedAt"] = _timeProvider.GetUtcNow(),
        };
        if (instanceId is not null)
        {
            changes["InstanceId"] = instanceId;
        }

        if (detail is not null)
        {
            changes["Detail"] = Truncate(detail, 1024);
        }

        return await TryMergeAsync(changes, claim.ETag, cancellationToken) is not null;
    }

    /// <summary>
    /// Gives a claim up after a failed attempt so the next delivery can retake it at once (instead of waiting
    /// for the lease to expire). Returns false when the claim was already lost.
    /// </summary>
    public virtual async Task<bool> ReleaseAsync(EventClaim claim, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var now = _timeProvider.GetUtcNow();
        var changes = new TableEntity(TableKeys.Compose(EventPrefix, claim.EventId), string.Empty)
        {
            ["LeaseUntil"] = now,
            ["UpdatedAt"] = now,
            ["Detail"] = Truncate(reason, 1024),
        };
        return await TryMergeAsync(changes, claim.ETag, cancellationToken) is not null;
    }

    /// <summary>Reads one event's row, or null.</summary>
    public virtual async Task<EventLedgerEntry?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Compose(EventPrefix, eventId), string.Empty, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToEntry(row.Value) : null;
    }

    /// <summary>
    /// Records <paramref name="version"/> for the business object and says whether a strictly newer version
    /// was seen before (equal versions are not stale: one change may reach us through several topics).
    /// </summary>
    public virtual async Task<VersionCheckResult> CheckVersionAsync(string subject, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var table = await _table.GetAsync(cancellationToken);
        var partitionKey = TableKeys.Compose(VersionPrefix, subject);
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, string.Empty, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value is null)
            {
                try
                {
                    await table.AddEntityAsync(
                        new TableEntity(partitionKey, string.Empty)
                        {
                            ["Subject"] = subject,
                            ["Latest"] = version,
                            ["UpdatedAt"] = _timeProvider.GetUtcNow(),
                        },
                        cancellationToken);
                    return new VersionCheckResult(false, version);
                }
                catch (RequestFailedException ex) when (LedgerTable.IsConflict(ex))
                {
                    continue;
                }
            }

            var row = existing.Value;
            var latest = row.GetDateTimeOffset("Latest") ?? DateTimeOffset.MinValue;
            if (version <= latest)
            {
                return new VersionCheckResult(version < latest, latest);
            }

            row["Latest"] = version;
            row["UpdatedAt"] = _timeProvider.GetUtcNow();
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return new VersionCheckResult(false, version);
            }
            catch (RequestFailedException ex) when (LedgerTable.IsPreconditionFailed(ex))
            {
                // A concurrent event moved the watermark: compare again.
            }
        }

        throw new InvalidOperationException($"Could not record the version of '{subject}': the watermark kept changing.");
    }

    private async Task<ETag?> TryMergeAsync(TableEntity changes, ETag etag, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(changes, etag, TableUpdateMode.Merge, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (LedgerTable.IsPreconditionFailed(ex) || LedgerTable.IsNotFound(ex))
        {
            return null;
        }
    }

    private static EventLedgerEntry ToEntry(TableEntity row) => new(
        row.GetString("EventId") ?? string.Empty,
        Enum.TryParse<EventLedgerState>(row.GetString("State"), out var state) ? state : EventLedgerState.Claimed,
        row.GetString("Type"),
        row.GetString("Subject"),
        row.GetString("InstanceId"),
        row.GetString("Detail"),
        row.GetInt32("Attempts") ?? 0,
        row.GetDateTimeOffset("LeaseUntil"),
        row.GetDateTimeOffset("FirstSeenAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);

    internal static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
