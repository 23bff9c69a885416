namespace RetailSync.Ledgers.Audit;

/// <summary><see cref="AuditEntry.Action"/> values the dispatcher writes.</summary>
public static class AuditActions
{
    public const string Received = "received";
    public const string Duplicate = "duplicate";
    public const string Routed = "routed";
    public const string Stale = "stale";
    public const string Parked = "parked";
    public const string Released = "released";
    public const string Recorded = "recorded";
    public const string Late = "late";
    public const string Retried = "retried";
    public const string DeadLettered = "dead-lettered";
    public const string Malformed = "malformed";
    public const string UnroutedTooLong = "unrouted-too-long";
}
