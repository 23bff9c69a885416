using System.Globalization;
using RetailSync.Workflows.Embedded.Storage;

namespace RetailSync.Workflows.Embedded.Storage.InMemory;

/// <summary>An in-process queue with the Azure Storage Queue visibility model, for tests. Thread-safe.</summary>
public sealed class InMemoryWorkQueue(TimeProvider timeProvider) : IWorkQueue
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _entries = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;

    /// <summary>Messages currently stored (visible or not).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public Task SendAsync(string body, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var id = (++_nextId).ToString(CultureInfo.InvariantCulture);
            _entries.AddLast(new Entry(id, body) { VisibleAt = timeProvider.GetUtcNow() });
            Wake();
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var waitedOnce = false;
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                var now = timeProvider.GetUtcNow();
                var result = new List<QueueMessage>();
                foreach (var entry in _entries)
                {
                    if (result.Count >= maxMessages)
                    {
                        break;
                    }

                    if (entry.VisibleAt <= now)
                    {
                        entry.VisibleAt = now + visibilityTimeout;
                        entry.DequeueCount++;
                        entry.PopReceipt = Guid.NewGuid().ToString("N");
                        result.Add(new QueueMessage(entry.Id, entry.PopReceipt, entry.Body, entry.DequeueCount));
                    }
                }

                if (result.Count > 0 || waitedOnce)
                {
                    return result;
                }

                signal = _signal.Task;
            }

            waitedOnce = true;
            try
            {
                await signal.WaitAsync(maxWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Nothing arrived; look once more (a hidden message may have become visible).
            }
        }
    }

    public Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            var entry = Find(message);
            if (entry is not null)
            {
                _entries.Remove(entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task AbandonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (Find(message) is { } entry)
            {
                entry.VisibleAt = timeProvider.GetUtcNow();
                Wake();
            }
        }

        return Task.CompletedTask;
    }

    public Task<QueueMessage> RenewAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            var entry = Find(message) ?? throw new InvalidOperationException($"Message {message.Id} is no longer owned by this receiver.");
            entry.VisibleAt = timeProvider.GetUtcNow() + visibilityTimeout;
            entry.PopReceipt = Guid.NewGuid().ToString("N");
            return Task.FromResult(message with { PopReceipt = entry.PopReceipt });
        }
    }

    private Entry? Find(QueueMessage message)
    {
        foreach (var entry in _entries)
        {
            if (entry.Id == message.Id && entry.PopReceipt == message.PopReceipt)
            {
                return entry;
            }
        }

        return null;
    }

    private void Wake()
    {
        var previous = _signal;
        _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private sealed class Entry(string id, string body)
    {
        public string Id { get; } = id;

        public string Body { get; } = body;

        public DateTimeOffset VisibleAt { get; set; }

        public long DequeueCount { get; set; }

        public string? PopReceipt { get; set; }
    }
}
