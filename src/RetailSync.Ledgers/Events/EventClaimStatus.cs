namespace RetailSync.Ledgers.Events;

/// <summary>What <see cref="EventLedgerClient.TryClaimAsync"/> found.</summary>
public enum EventClaimStatus
{
    /// <summary>The caller now holds the claim and must complete or release it.</summary>
    Claimed = 0,

    /// <summary>The event was already handled for good: a duplicate, drop it.</summary>
    AlreadyProcessed = 1,

    /// <summary>Another dispatcher holds a live lease: try again after it expires.</summary>
    InProgress = 2,
}
