namespace RetailSync.Messaging;

/// <summary>
/// The consuming side of the events queue for hosts that poll it (the local host). The Functions shell
/// does not use this: Service Bus triggers deliver and settle messages themselves.
/// </summary>
public interface IEventQueueReceiver
{
    /// <summary>Takes up to <paramref name="maxMessages"/> messages, hiding them for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<ReceivedEventMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a message that was processed.</summary>
    Task CompleteAsync(ReceivedEventMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a message visible again after <paramref name="retryAfter"/>; its delivery count grows.</summary>
    Task AbandonAsync(ReceivedEventMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default);

    /// <summary>Moves a message to the dead-letter queue with a reason an operator can read.</summary>
    Task DeadLetterAsync(ReceivedEventMessage message, string reason, string description, CancellationToken cancellationToken = default);
}
