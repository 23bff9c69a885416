using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RetailSync.Dispatch;
using RetailSync.Messaging;

namespace RetailSync.Functions.Dispatch;

/// <summary>
/// The events queue (sessions: one business key at a time, in order) into <see cref="EventDispatcher.DispatchAsync"/>,
/// settled explicitly per outcome. Retry-later abandons: Service Bus has no per-message delay on abandon, so the
/// message is redelivered at once (the session stays locked to this host meanwhile) and the dispatcher's own
/// <c>Dispatch:MaxAttempts</c>, checked against <c>DeliveryCount</c>, dead-letters it with a reason before the
/// queue's <c>maxDeliveryCount</c> (the backstop) would. The outcome's delay is logged by the dispatcher but not
/// honoured here; see docs/deployment.md.
/// </summary>
public sealed class EventDispatchFunction(DispatcherFactory dispatchers)
{
    public const string EventsQueueSetting = "Queues:Events";

    [Function("DispatchEvent")]
    public async Task Run(
        [ServiceBusTrigger("%" + EventsQueueSetting + "%", Connection = "ServiceBusConnection", IsSessionsEnabled = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(context);
        var received = new ReceivedEventMessage(
            new EventMessage(message.MessageId, message.SessionId, message.ContentType ?? string.Empty, message.Body.ToMemory(), message.CorrelationId),
            message.DeliveryCount,
            message.LockToken);

        // Throws only when the host is stopping: the message stays unsettled and its lock expires.
        var outcome = await dispatchers.Create(client).DispatchAsync(received, context.CancellationToken);
        switch (outcome.Kind)
        {
            case DispatchOutcomeKind.Completed:
                await actions.CompleteMessageAsync(message, context.CancellationToken);
                break;
            case DispatchOutcomeKind.DeadLetter:
                await actions.DeadLetterMessageAsync(message, deadLetterReason: outcome.Reason, deadLetterErrorDescription: outcome.Description, cancellationToken: context.CancellationToken);
                break;
            default:
                await actions.AbandonMessageAsync(message, null, context.CancellationToken);
                break;
        }
    }
}
