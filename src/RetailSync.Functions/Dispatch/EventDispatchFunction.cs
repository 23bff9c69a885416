using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RetailSync.Dispatch;
using RetailSync.Messaging;

namespace RetailSync.Functions.Dispatch;

/// <summary>
/// The events queue (sessions: one business key at a time, in order) into <see cref="EventDispatcher.DispatchAsync"/>,
/// settled explicitly per outcome. Retry-later: Service Bus cannot delay an abandoned message, so the function holds
/// it (its lock is renewed by the extension, <c>maxAutoLockRenewalDuration</c> in host.json) for the outcome's delay,
/// at most <see cref="MaxRetryHold"/>, then abandons it for an immediate redelivery. The session is blocked either
/// way, which keeps the business key's events in order; a delayed copy would break duplicate detection (same
/// MessageId) and that order. The dispatcher's <c>Dispatch:MaxAttempts</c>, checked against <c>DeliveryCount</c>,
/// dead-letters with a reason before the queue's <c>maxDeliveryCount</c> (the backstop) would.
/// </summary>
public sealed class EventDispatchFunction(DispatcherFactory dispatchers, TimeProvider timeProvider)
{
    public const string EventsQueueSetting = "Queues:Events";

    /// <summary>Longest wait before abandoning a retry-later message (well inside the lock renewal window).</summary>
    public static readonly TimeSpan MaxRetryHold = TimeSpan.FromMinutes(1);

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
                if (outcome.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(outcome.Delay < MaxRetryHold ? outcome.Delay : MaxRetryHold, timeProvider, context.CancellationToken);
                }

                await actions.AbandonMessageAsync(message, null, context.CancellationToken);
                break;
        }
    }
}
