namespace RetailSync.Ledgers.Events;

/// <summary>One event's row in the idempotency ledger.</summary>
/// <param name="EventId">The canonical event id.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Type">CloudEvent type.</param>
/// <param name="Subject">CloudEvent subject.</param>
/// <param name="InstanceId">The workflow instance it was routed to, once known.</param>
/// <param name="Detail">Why it is in this state (park reference, stale version, dead-letter reason...).</param>
/// <param name="Attempts">How many times a dispatcher claimed it.</param>
/// <param name="LeaseUntil">While <see cref="EventLedgerState.Claimed"/>: when the claim may be retaken.</param>
/// <param name="FirstSeenAt">When the ledger first saw it.</param>
/// <param name="UpdatedAt">When the row last changed.</param>
public sealed record EventLedgerEntry(
    string EventId,
    EventLedgerState State,
    string? Type,
    string? Subject,
    string? InstanceId,
    string? Detail,
    int Attempts,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True for states no dispatcher changes again (a duplicate of such an event is dropped).</summary>
    public bool IsFinal => State is EventLedgerState.Dispatched or EventLedgerState.Stale
        or EventLedgerState.Recorded or EventLedgerState.Late;
}
