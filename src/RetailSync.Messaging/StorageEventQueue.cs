using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RetailSync.Messaging;

/// <summary>
/// The events queue on Azure Storage Queues (Azurite locally, a storage account in Azure).
/// A message's text is the structured-mode CloudEvent JSON. A body larger than
/// <see cref="EventQueueOptions.MaxInlineMessageBytes"/> goes to Blob storage and the queue carries a small
/// claim-check pointer instead; <see cref="ReceiveAsync"/> resolves it, so consumers always see the original.
/// Dead letters go to the sibling queue <c>&lt;name&gt;-deadletter</c> with the reason and the original message.
/// The queues and the container are created on first use. Thread-safe.
/// </summary>
public class StorageEventQueue : IEventQueue, IEventQueueReceiver
{
    /// <summary>Storage Queues hand out at most this many messages per receive call.</summary>
    public const int MaxMessagesPerReceive = 32;

    private const string ClaimCheckProperty = "claimcheck";
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _queue;
    private readonly QueueClient _deadLetterQueue;
    private readonly BlobContainerClient _claims;
    private readonly EventQueueOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _createGate = new();
    private Task? _creation;

    /// <summary>Creates the adapter over the given services.</summary>
    public StorageEventQueue(
        QueueServiceClient queues,
        BlobServiceClient blobs,
        EventQueueOptions options,
        TimeProvider? timeProvider = null,
        ILogger<StorageEventQueue>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Events);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInlineMessageBytes, 1024);
        _options = options;
        _queue = queues.GetQueueClient(options.Events);
        _deadLetterQueue = queues.GetQueueClient(options.DeadLetterQueueName);
        _claims = blobs.GetBlobContainerClient(options.ClaimCheckContainerName);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>For mocking.</summary>
    protected StorageEventQueue()
    {
        _queue = null!;
        _deadLetterQueue = null!;
        _claims = null!;
        _options = new EventQueueOptions();
        _timeProvider = TimeProvider.System;
        _logger = NullLogger.Instance;
    }

    /// <summary>The events queue's name.</summary>
    public virtual string QueueName => _queue.Name;

    /// <summary>The dead-letter queue's name.</summary>
    public virtual string DeadLetterQueueName => _deadLetterQueue.Name;

    /// <inheritdoc />
    public virtual async Task SendAsync(IReadOnlyList<EventMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        await EnsureCreatedAsync(cancellationToken);
        if (messages.Count == 1)
        {
            await SendOneAsync(messages[0], cancellationToken);
            return;
        }

        var sends = new Task[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            sends[i] = SendOneAsync(messages[i], cancellationToken);
        }

        await Task.WhenAll(sends);
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<ReceivedEventMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        await EnsureCreatedAsync(cancellationToken);
        // Storage Queues count visibility in whole seconds, from 1 s to 7 days.
        var seconds = Math.Clamp(Math.Ceiling(visibilityTimeout.TotalSeconds), 1, TimeSpan.FromDays(7).TotalSeconds);
        QueueMessage[] raw = await _queue.ReceiveMessagesAsync(Math.Min(maxMessages, MaxMessagesPerReceive), TimeSpan.FromSeconds(seconds), cancellationToken);
        var received = new List<ReceivedEventMessage>(raw.Length);
        foreach (var message in raw)
        {
            received.Add(await ResolveAsync(message, cancellationToken));
        }

        return received;
    }

    /// <inheritdoc />
    public virtual async Task CompleteAsync(ReceivedEventMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receipt = Receipt.Parse(message.Receipt);
        await _queue.DeleteMessageAsync(receipt.QueueMessageId, receipt.PopReceipt, cancellationToken);
        if (receipt.ClaimBlob is not null)
        {
            // The queue message is gone, so nobody can claim the blob any more; a failure here only leaves garbage.
            try
            {
                await _claims.DeleteBlobIfExistsAsync(receipt.ClaimBlob, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex)
            {
                _logger.LogWarning(ex, "Could not delete claim-check blob {Blob} of message {MessageId}", receipt.ClaimBlob, message.Message.MessageId);
            }
        }
    }

    /// <inheritdoc />
    public virtual async Task AbandonAsync(ReceivedEventMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        var receipt = Receipt.Parse(message.Receipt);
        await _queue.UpdateMessageAsync(receipt.QueueMessageId, receipt.PopReceipt, (BinaryData?)null, retryAfter, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task DeadLetterAsync(ReceivedEventMessage message, string reason, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await EnsureCreatedAsync(cancellationToken);
        var receipt = Receipt.Parse(message.Receipt);

        var text = BuildDeadLetter(message, receipt, reason, description ?? string.Empty, inlineOriginal: true);
        if (Encoding.UTF8.GetByteCount(text) > _options.MaxInlineMessageBytes)
        {
            // Keep the original whole: it goes to Blob storage (unless it is already there) and the dead letter points at it.
            if (receipt.ClaimBlob is null)
            {
                var blobName = NewBlobName(message.Message.MessageId);
                await _claims.UploadBlobAsync(blobName, BinaryData.FromBytes(message.Message.Body), cancellationToken);
                receipt = receipt with { ClaimBlob = blobName };
            }

            text = BuildDeadLetter(message, receipt, reason, description ?? string.Empty, inlineOriginal: false);
        }

        await _deadLetterQueue.SendMessageAsync(text, visibilityTimeout: null, timeToLive: NeverExpire, cancellationToken);
        await _queue.DeleteMessageAsync(receipt.QueueMessageId, receipt.PopReceipt, cancellationToken);
        _logger.LogWarning(
            "Dead-lettered message {MessageId} after {DeliveryCount} deliveries: {Reason}",
            message.Message.MessageId,
            message.DeliveryCount,
            reason);
    }

    /// <summary>Creates the queue, its dead-letter queue and the claim-check container if they do not exist (once; retried after a failure).</summary>
    public virtual Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        Task creation;
        lock (_createGate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                // Not bound to one caller's token: a caller giving up must not fail everyone else's creation.
                _creation = Task.WhenAll(
                    _queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None),
                    _deadLetterQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None),
                    _claims.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
            }

            creation = _creation;
        }

        return creation.IsCompletedSuccessfully ? Task.CompletedTask : creation.WaitAsync(cancellationToken);
    }

    private async Task SendOneAsync(EventMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body.Length <= _options.MaxInlineMessageBytes)
        {
            await _queue.SendMessageAsync(new BinaryData(message.Body), visibilityTimeout: null, timeToLive: NeverExpire, cancellationToken);
            return;
        }

        var blobName = NewBlobName(message.MessageId);
        await _claims.UploadBlobAsync(blobName, new BinaryData(message.Body), cancellationToken);
        await _queue.SendMessageAsync(BuildPointer(message, blobName), visibilityTimeout: null, timeToLive: NeverExpire, cancellationToken);
    }

    private async Task<ReceivedEventMessage> ResolveAsync(QueueMessage raw, CancellationToken cancellationToken)
    {
        var bytes = raw.Body.ToMemory();
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(ClaimCheckProperty, out var pointer))
            {
                var blob = pointer.GetProperty("blob").GetString()!;
                var download = await _claims.GetBlobClient(blob).DownloadContentAsync(cancellationToken);
                var message = new EventMessage(
                    pointer.GetProperty("messageId").GetString()!,
                    OptionalString(pointer, "sessionId"),
                    OptionalString(pointer, "contentType") ?? EventMessage.CloudEventsJson,
                    download.Value.Content.ToMemory(),
                    OptionalString(pointer, "correlationId"));
                return new ReceivedEventMessage(message, (int)raw.DequeueCount, new Receipt(raw.MessageId, raw.PopReceipt, blob).ToString());
            }

            var id = root.ValueKind == JsonValueKind.Object ? OptionalString(root, "id") : null;
            var cloudEvent = new EventMessage(
                id ?? raw.MessageId,
                root.ValueKind == JsonValueKind.Object ? OptionalString(root, "subject") : null,
                EventMessage.CloudEventsJson,
                bytes,
                root.ValueKind == JsonValueKind.Object ? OptionalString(root, "correlationid") : null);
            return new ReceivedEventMessage(cloudEvent, (int)raw.DequeueCount, new Receipt(raw.MessageId, raw.PopReceipt, null).ToString());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or RequestFailedException)
        {
            // Never lose a message we cannot read: hand it over as opaque bytes so the consumer dead-letters it.
            _logger.LogWarning(ex, "Queue message {QueueMessageId} is not a readable event; handing it over as opaque bytes", raw.MessageId);
            var opaque = new EventMessage(raw.MessageId, null, "application/octet-stream", bytes);
            return new ReceivedEventMessage(opaque, (int)raw.DequeueCount, new Receipt(raw.MessageId, raw.PopReceipt, null).ToString());
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static BinaryData BuildPointer(EventMessage message, string blobName)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(ClaimCheckProperty);
            writer.WriteString("blob", blobName);
            writer.WriteString("messageId", message.MessageId);
            if (message.SessionId is not null)
            {
                writer.WriteString("sessionId", message.SessionId);
            }

            writer.WriteString("contentType", message.ContentType);
            if (message.CorrelationId is not null)
            {
                writer.WriteString("correlationId", message.CorrelationId);
            }

            writer.WriteNumber("bytes", message.Body.Length);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new BinaryData(buffer.WrittenMemory);
    }

    private string BuildDeadLetter(ReceivedEventMessage message, Receipt receipt, string reason, string description, bool inlineOriginal)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("reason", reason);
            writer.WriteString("description", description);
            writer.WriteString("deadLetteredAt", _timeProvider.GetUtcNow());
            writer.WriteNumber("deliveryCount", message.DeliveryCount);
            writer.WriteString("messageId", message.Message.MessageId);
            writer.WriteString("queueMessageId", receipt.QueueMessageId);
            writer.WriteString("contentType", message.Message.ContentType);
            if (message.Message.SessionId is not null)
            {
                writer.WriteString("sessionId", message.Message.SessionId);
            }

            if (message.Message.CorrelationId is not null)
            {
                writer.WriteString("correlationId", message.Message.CorrelationId);
            }

            if (receipt.ClaimBlob is not null)
            {
                writer.WriteString("originalBlob", _claims.Name + "/" + receipt.ClaimBlob);
            }
            else if (inlineOriginal && IsJson(message.Message.Body))
            {
                writer.WritePropertyName("original");
                writer.WriteRawValue(message.Message.Body.Span, skipInputValidation: true);
            }
            else if (inlineOriginal)
            {
                writer.WriteBase64String("originalBase64", message.Message.Body.Span);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private string NewBlobName(string messageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{_timeProvider.GetUtcNow():yyyy/MM/dd}/{Uri.EscapeDataString(messageId)}/{Guid.NewGuid():N}");

    /// <summary>The adapter's settlement handle: queue message id, pop receipt and the claim-check blob, if any.</summary>
    private sealed record Receipt(string QueueMessageId, string PopReceipt, string? ClaimBlob)
    {
        public static Receipt Parse(string text)
        {
            ArgumentException.ThrowIfNullOrEmpty(text);
            var parts = text.Split('\n');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ArgumentException("Not a receipt issued by StorageEventQueue.", nameof(text));
            }

            return new Receipt(parts[0], parts[1], parts[2].Length == 0 ? null : parts[2]);
        }

        public override string ToString() => QueueMessageId + "\n" + PopReceipt + "\n" + ClaimBlob;
    }
}
