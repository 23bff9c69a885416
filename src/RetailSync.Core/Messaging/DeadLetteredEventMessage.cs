namespace RetailSync.Messaging;

/// <summary>A message an adapter moved to its dead-letter store, with the reason an operator reads.</summary>
/// <param name="Message">The message as it was sent.</param>
/// <param name="DeliveryCount">How many times it had been delivered.</param>
/// <param name="Reason">Short machine-friendly reason (<c>poison</c>, <c>schema</c>, ...).</param>
/// <param name="Description">What went wrong, for a human.</param>
/// <param name="DeadLetteredAt">When it was dead-lettered.</param>
public sealed record DeadLetteredEventMessage(
    EventMessage Message,
    int DeliveryCount,
    string Reason,
    string Description,
    DateTimeOffset DeadLetteredAt);
