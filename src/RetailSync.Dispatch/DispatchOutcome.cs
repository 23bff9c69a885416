namespace RetailSync.Dispatch;

/// <summary>
/// What <see cref="EventDispatcher.DispatchAsync"/> decided. The local pump and the Functions Service Bus
/// trigger settle the message accordingly (complete, abandon with delay, dead-letter).
/// </summary>
/// <param name="Kind">How to settle.</param>
/// <param name="Delay">For <see cref="DispatchOutcomeKind.RetryLater"/>: when to try again.</param>
/// <param name="Reason">Short code (dead-letter reason, retry cause, or what completed it).</param>
/// <param name="Description">Human-readable detail.</param>
public sealed record DispatchOutcome(DispatchOutcomeKind Kind, TimeSpan Delay, string Reason, string? Description)
{
    public static DispatchOutcome Completed(string reason) => new(DispatchOutcomeKind.Completed, TimeSpan.Zero, reason, null);

    public static DispatchOutcome RetryLater(TimeSpan delay, string reason) => new(DispatchOutcomeKind.RetryLater, delay, reason, null);

    public static DispatchOutcome DeadLetter(string reason, string description) => new(DispatchOutcomeKind.DeadLetter, TimeSpan.Zero, reason, description);
}
