namespace RetailSync.Messaging;

/// <summary>
/// The durable events queue, as ingestion sees it: the one write on the webhook hot path.
/// Adapters: Azure Storage Queues (local and Azure), Azure Service Bus (Functions shell), in-memory (tests).
/// </summary>
public interface IEventQueue
{
    /// <summary>
    /// Durably enqueues every message, or throws. A message sent twice with the same id may be stored
    /// twice (Storage Queues) or once (Service Bus duplicate detection); consumers dedupe on the id.
    /// </summary>
    Task SendAsync(IReadOnlyList<EventMessage> messages, CancellationToken cancellationToken = default);
}
