using RetailSync.Ledgers.CrossReferences;

namespace RetailSync.Ledgers.Unrouted;

/// <summary>An event that could not be routed yet, waiting for <see cref="Reference"/> to be linked to a business key.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Reference">What it waits for (e.g. <c>paymentref|stripe/pi_123</c>).</param>
/// <param name="Type">CloudEvent type.</param>
/// <param name="Subject">CloudEvent subject.</param>
/// <param name="ContentType">The queue message's content type.</param>
/// <param name="Body">The queue message body (the serialised CloudEvent), kept so it can be raised later.</param>
/// <param name="ParkedAt">When it was first parked.</param>
/// <param name="ExceptionId">The exception record raised when it stayed unrouted past the deadline.</param>
public sealed record ParkedEvent(
    string EventId,
    ExternalReference Reference,
    string Type,
    string Subject,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ParkedAt,
    string? ExceptionId = null);
