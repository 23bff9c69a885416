namespace RetailSync.Ledgers.Events;

/// <summary>The outcome of comparing an event's source version with the newest one seen for its business object.</summary>
/// <param name="IsStale">True when a strictly newer version was already seen.</param>
/// <param name="Latest">The newest version seen (including this one).</param>
public sealed record VersionCheckResult(bool IsStale, DateTimeOffset Latest);
