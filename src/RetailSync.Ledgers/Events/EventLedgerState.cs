namespace RetailSync.Ledgers.Events;

/// <summary>Where an event stands in the idempotency ledger.</summary>
public enum EventLedgerState
{
    /// <summary>A dispatcher holds a lease on it and is routing it; an expired lease can be retaken.</summary>
    Claimed = 0,

    /// <summary>It could not be routed yet and waits in the unrouted table; claimable again when it can be.</summary>
    Parked = 1,

    /// <summary>Raised to its workflow instance (terminal).</summary>
    Dispatched = 2,

    /// <summary>Older than a version already applied; recorded, not raised (terminal).</summary>
    Stale = 3,

    /// <summary>No workflow takes this type; recorded in the audit trail only (terminal).</summary>
    Recorded = 4,

    /// <summary>Its instance had already finished; an exception record says so (terminal).</summary>
    Late = 5,

    /// <summary>Moved to the dead-letter queue; a replay from there may claim it again.</summary>
    DeadLettered = 6,
}
