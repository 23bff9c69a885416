namespace RetailSync.Messaging;

/// <summary>A message taken from the events queue and not yet settled.</summary>
/// <param name="Message">The message as it was sent.</param>
/// <param name="DeliveryCount">1 on the first delivery, then one more for every redelivery.</param>
/// <param name="Receipt">The adapter's opaque handle for settling this delivery (pop receipt, lock token).</param>
public sealed record ReceivedEventMessage(EventMessage Message, int DeliveryCount, string Receipt);
