using Azure;

namespace RetailSync.Ledgers.Events;

/// <summary>
/// A dispatcher's lease on one event. Every change to the row is conditional on <see cref="ETag"/>, so a
/// dispatcher whose lease was retaken by another can no longer complete the event.
/// </summary>
/// <param name="EventId">The event.</param>
/// <param name="ETag">The row version this claim wrote.</param>
/// <param name="LeaseUntil">When another dispatcher may retake it.</param>
/// <param name="Attempt">1 for the first claim, then one more for every retake.</param>
/// <param name="PreviousState">The state the row had before this claim (null when the claim created it).</param>
public sealed record EventClaim(string EventId, ETag ETag, DateTimeOffset LeaseUntil, int Attempt, EventLedgerState? PreviousState);
