namespace RetailSync.Messaging;

/// <summary>
/// One message on the events queue: a canonical event serialised as a structured-mode CloudEvent.
/// </summary>
/// <param name="MessageId">The CloudEvent id. Equal for every copy of a delivery, so the broker's
/// duplicate detection (Service Bus) and the dispatcher's ledger can drop copies.</param>
/// <param name="SessionId">The business key (CloudEvent subject): all events of one order or return share it,
/// which Service Bus sessions use to keep them in order.</param>
/// <param name="ContentType">Usually <c>application/cloudevents+json</c>.</param>
/// <param name="Body">The serialised CloudEvent.</param>
/// <param name="CorrelationId">Ties the event to the delivery and trace that produced it.</param>
public sealed record EventMessage(
    string MessageId,
    string? SessionId,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    string? CorrelationId = null)
{
    /// <summary>Media type of a structured-mode JSON CloudEvent.</summary>
    public const string CloudEventsJson = "application/cloudevents+json";
}
