using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailSync.Messaging;

namespace RetailSync.Functions.Messaging;

/// <summary>
/// The events queue on Azure Service Bus. Each <see cref="EventMessage"/> becomes one Service Bus message with
/// <c>MessageId</c> = the CloudEvent id (the queue's duplicate detection drops redeliveries), <c>SessionId</c> =
/// the business key (the queue requires sessions, which keep an order's or a return's events in order),
/// <c>ContentType</c> and <c>CorrelationId</c>. Messages go out in as few batches as fit; a batch is atomic, and
/// when a later batch fails the caller's retry resends everything, which duplicate detection makes harmless.
/// </summary>
public sealed partial class ServiceBusEventQueue : IEventQueue
{
    private readonly ServiceBusSender _sender;
    private readonly ILogger _logger;

    public ServiceBusEventQueue(ServiceBusSender sender, ILogger<ServiceBusEventQueue>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
        _logger = logger ?? NullLogger<ServiceBusEventQueue>.Instance;
    }

    public async Task SendAsync(IReadOnlyList<EventMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        // Validate everything before sending anything: the queue refuses messages without a session.
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            if (string.IsNullOrWhiteSpace(message.MessageId))
            {
                throw new ArgumentException("Every event message needs a MessageId (the CloudEvent id).", nameof(messages));
            }

            if (string.IsNullOrWhiteSpace(message.SessionId))
            {
                throw new ArgumentException(
                    $"Event message '{message.MessageId}' has no SessionId (business key); the events queue requires sessions.",
                    nameof(messages));
            }
        }

        var sent = 0;
        var batches = 0;
        while (sent < messages.Count)
        {
            using var batch = await _sender.CreateMessageBatchAsync(cancellationToken);
            while (sent < messages.Count && batch.TryAddMessage(ToServiceBusMessage(messages[sent])))
            {
                sent++;
            }

            if (batch.Count == 0)
            {
                var message = messages[sent];
                throw new InvalidOperationException(
                    $"Event message '{message.MessageId}' ({message.Body.Length} bytes) is larger than a Service Bus message may be; " +
                    "large bodies must travel by claim check.");
            }

            await _sender.SendMessagesAsync(batch, cancellationToken);
            batches++;
        }

        LogSent(_logger, messages.Count, batches, _sender.EntityPath);
    }

    private static ServiceBusMessage ToServiceBusMessage(EventMessage message)
    {
        var serviceBusMessage = new ServiceBusMessage(message.Body)
        {
            MessageId = message.MessageId,
            SessionId = message.SessionId,
            ContentType = message.ContentType,
        };
        if (!string.IsNullOrEmpty(message.CorrelationId))
        {
            serviceBusMessage.CorrelationId = message.CorrelationId;
        }

        return serviceBusMessage;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Sent {MessageCount} event messages in {BatchCount} batches to {EntityPath}")]
    private static partial void LogSent(ILogger logger, int messageCount, int batchCount, string entityPath);
}
