using Azure;
using Azure.Storage.Queues;
using RetailSync.Workflows.Embedded.Telemetry;

namespace RetailSync.Workflows.Embedded.Storage.AzureStorage;

/// <summary>An Azure Storage Queue; receiving polls with exponential back-off (10 ms up to the configured maximum).</summary>
public sealed class AzureStorageWorkQueue(QueueClient queue, TimeSpan maxPollingInterval) : IWorkQueue
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(10);

    internal QueueClient Client => queue;

    public Task SendAsync(string body, CancellationToken cancellationToken = default)
        => WorkflowTelemetry.MeasureAsync("queue.send", () => queue.SendMessageAsync(body, cancellationToken));

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var delay = MinPollingInterval;
        var waited = TimeSpan.Zero;
        while (true)
        {
            var response = await WorkflowTelemetry.MeasureAsync("queue.receive",
                () => queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), visibilityTimeout, cancellationToken));
            if (response.Value.Length > 0 || waited >= maxWait)
            {
                return response.Value.Select(m => new QueueMessage(m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount)).ToList();
            }

            // Back-off between polls of an empty queue: I/O pacing, not workflow time.
            await Task.Delay(delay, cancellationToken);
            waited += delay;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxPollingInterval.Ticks));
        }
    }

    public async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await WorkflowTelemetry.MeasureAsync("queue.delete", () => queue.DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken));
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch")
        {
            // The message outlived its visibility timeout and now belongs to another receiver (or is gone):
            // it will be handled again, which every handler tolerates.
        }
    }

    public Task AbandonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WorkflowTelemetry.MeasureAsync("queue.update",
            () => queue.UpdateMessageAsync(message.Id, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken));
    }

    public async Task<QueueMessage> RenewAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receipt = await WorkflowTelemetry.MeasureAsync("queue.update",
            () => queue.UpdateMessageAsync(message.Id, message.PopReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken));
        return message with { PopReceipt = receipt.Value.PopReceipt };
    }
}
