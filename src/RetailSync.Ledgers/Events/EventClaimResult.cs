namespace RetailSync.Ledgers.Events;

/// <summary>The outcome of a claim attempt.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Claim">The claim, when <see cref="EventClaimStatus.Claimed"/>.</param>
/// <param name="Existing">The row as found, when the event was already known.</param>
public sealed record EventClaimResult(EventClaimStatus Status, EventClaim? Claim, EventLedgerEntry? Existing);
