using RetailSync.Messaging;

namespace RetailSync.Dispatch.Tests.Support;

/// <summary>
/// Test double of the events queue with Storage Queue semantics: received messages are hidden for the
/// visibility timeout, each delivery gets a new receipt and a higher delivery count, abandon makes a message
/// visible again after a delay, a stale receipt cannot settle.
/// </summary>
public sealed class InMemoryEventQueue(TimeProvider timeProvider) : IEventQueueReceiver
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];
    private readonly List<EventMessage> _completed = [];
    private readonly List<(string MessageId, TimeSpan Delay)> _abandoned = [];
    private readonly List<(EventMessage Message, string Reason, string Description)> _deadLettered = [];

    public IReadOnlyList<EventMessage> Completed { get { lock (_lock) { return [.. _completed]; } } }

    public IReadOnlyList<(string MessageId, TimeSpan Delay)> Abandoned { get { lock (_lock) { return [.. _abandoned]; } } }

    public IReadOnlyList<(EventMessage Message, string Reason, string Description)> DeadLettered { get { lock (_lock) { return [.. _deadLettered]; } } }

    /// <summary>Messages not yet settled (visible or hidden).</summary>
    public int Pending { get { lock (_lock) { return _entries.Count; } } }

    /// <summary>Messages received and not yet settled nor visible again.</summary>
    public int InFlight { get { lock (_lock) { return _entries.Count(e => e.Receipt is not null && e.VisibleAt > timeProvider.GetUtcNow()); } } }

    public void Send(params EventMessage[] messages)
    {
        lock (_lock)
        {
            _entries.AddRange(messages.Select(m => new Entry(m) { VisibleAt = timeProvider.GetUtcNow() }));
        }
    }

    public Task<IReadOnlyList<ReceivedEventMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var taken = _entries.Where(e => e.VisibleAt <= now).Take(maxMessages).ToList();
            foreach (var entry in taken)
            {
                entry.DeliveryCount++;
                entry.Receipt = Guid.NewGuid().ToString("N");
                entry.VisibleAt = now + visibilityTimeout;
            }

            return Task.FromResult<IReadOnlyList<ReceivedEventMessage>>(
                taken.Select(e => new ReceivedEventMessage(e.Message, e.DeliveryCount, e.Receipt!)).ToList());
        }
    }

    public Task CompleteAsync(ReceivedEventMessage message, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _entries.Remove(Find(message));
            _completed.Add(message.Message);
        }

        return Task.CompletedTask;
    }

    public Task AbandonAsync(ReceivedEventMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var entry = Find(message);
            entry.VisibleAt = timeProvider.GetUtcNow() + retryAfter;
            entry.Receipt = null;
            _abandoned.Add((message.Message.MessageId, retryAfter));
        }

        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(ReceivedEventMessage message, string reason, string description, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _entries.Remove(Find(message));
            _deadLettered.Add((message.Message, reason, description));
        }

        return Task.CompletedTask;
    }

    private Entry Find(ReceivedEventMessage message) =>
        _entries.FirstOrDefault(e => e.Receipt == message.Receipt)
        ?? throw new InvalidOperationException($"The receipt of message {message.Message.MessageId} is no longer valid.");

    private sealed class Entry(EventMessage message)
    {
        public EventMessage Message { get; } = message;

        public int DeliveryCount { get; set; }

        public string? Receipt { get; set; }

        public DateTimeOffset VisibleAt { get; set; }
    }
}
