namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>
/// An at-least-once queue with visibility timeouts (the Azure Storage Queue model): a received message is hidden,
/// and reappears unless deleted before its visibility timeout ends.
/// </summary>
public interface IWorkQueue
{
    Task SendAsync(string body, CancellationToken cancellationToken = default);

    /// <summary>Receives up to <paramref name="maxMessages"/>, waiting up to <paramref name="maxWait"/> for the first.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, TimeSpan maxWait, CancellationToken cancellationToken = default);

    Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes the message visible again now (graceful shutdown).</summary>
    Task AbandonAsync(QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Keeps the message hidden for another <paramref name="visibilityTimeout"/>; returns the message with its new receipt.</summary>
    Task<QueueMessage> RenewAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);
}
