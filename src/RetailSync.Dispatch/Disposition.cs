namespace RetailSync.Dispatch;

/// <summary>What processing one event did (internal; hosts see <see cref="DispatchOutcome"/>).</summary>
internal enum Disposition
{
    Dispatched = 0,
    Duplicate = 1,
    InProgress = 2,
    ClaimLost = 3,
    Stale = 4,
    Parked = 5,
    Recorded = 6,
    Late = 7,
    NoRoute = 8,
    Ambiguous = 9,
}
