using System.Globalization;

namespace RetailSync.Messaging;

/// <summary>
/// An in-process events queue for tests and benchmarks, with the semantics of the durable adapters:
/// received messages stay hidden for their visibility timeout (measured on the injected
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock), every receive raises the delivery count,
/// a settled receipt can only be used once, and dead-lettered messages are kept with their reason.
/// Thread-safe.
/// </summary>
public sealed class InMemoryEventQueue : IEventQueue, IEventQueueReceiver
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly List<DeadLetteredEventMessage> _deadLetters = [];
    private long _nextReceipt;
    private long _sentCount;

    public InMemoryEventQueue(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised after messages were enqueued (outside the lock), so tests can await arrivals without sleeping.</summary>
    public event EventHandler? MessagesSent;

    /// <summary>Total messages ever sent (including ones since completed or dead-lettered).</summary>
    public long SentCount => Interlocked.Read(ref _sentCount);

    /// <summary>Messages still on the queue, visible or not, in send order.</summary>
    public IReadOnlyList<EventMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _entries.Select(e => e.Message).ToArray();
            }
        }
    }

    /// <summary>Messages moved to the dead-letter list, in order.</summary>
    public IReadOnlyList<DeadLetteredEventMessage> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                return _deadLetters.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public Task SendAsync(IReadOnlyList<EventMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var message in messages)
            {
                ArgumentNullException.ThrowIfNull(message);
                _entries.Add(new Entry(message) { VisibleAt = now });
            }
        }

        Interlocked.Add(ref _sentCount, messages.Count);
        MessagesSent?.Invoke(this, EventArgs.Empty);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReceivedEventMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var now = _timeProvider.GetUtcNow();
        var received = new List<ReceivedEventMessage>();
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (received.Count == maxMessages)
                {
                    break;
                }

                if (entry.VisibleAt > now)
                {
                    continue;
                }

                entry.DeliveryCount++;
                entry.VisibleAt = now + visibilityTimeout;
                entry.Receipt = (++_nextReceipt).ToString(CultureInfo.InvariantCulture);
                received.Add(new ReceivedEventMessage(entry.Message, entry.DeliveryCount, entry.Receipt));
            }
        }

        return Task.FromResult<IReadOnlyList<ReceivedEventMessage>>(received);
    }

    /// <inheritdoc />
    public Task CompleteAsync(ReceivedEventMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            _entries.Remove(Claim(message));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonAsync(ReceivedEventMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        lock (_gate)
        {
            var entry = Claim(message);
            entry.VisibleAt = _timeProvider.GetUtcNow() + retryAfter;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeadLetterAsync(ReceivedEventMessage message, string reason, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_gate)
        {
            var entry = Claim(message);
            _entries.Remove(entry);
            _deadLetters.Add(new DeadLetteredEventMessage(entry.Message, entry.DeliveryCount, reason, description ?? string.Empty, _timeProvider.GetUtcNow()));
        }

        return Task.CompletedTask;
    }

    /// <summary>Finds the entry the receipt belongs to and invalidates the receipt (a receipt settles once).</summary>
    private Entry Claim(ReceivedEventMessage message)
    {
        var entry = _entries.Find(e => e.Receipt is not null && string.Equals(e.Receipt, message.Receipt, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"The receipt of message '{message.Message.MessageId}' is no longer valid: it was settled, or its visibility timeout expired and it was received again.");
        entry.Receipt = null;
        return entry;
    }

    private sealed class Entry(EventMessage message)
    {
        public EventMessage Message { get; } = message;

        public DateTimeOffset VisibleAt { get; set; }

        public int DeliveryCount { get; set; }

        public string? Receipt { get; set; }
    }
}
