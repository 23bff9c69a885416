using System.Collections.Concurrent;

namespace RetailSync.Ingestion;

/// <summary>
/// A bounded, thread-safe memory of event ids this instance enqueued (oldest forgotten first). Only ids
/// whose queue write succeeded are added, so answering a redelivery from here never loses an event.
/// </summary>
internal sealed class RecentEventIds(int capacity)
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public bool ContainsAll(IReadOnlyList<string> ids)
    {
        if (capacity <= 0 || ids.Count == 0)
        {
            return false;
        }

        foreach (var id in ids)
        {
            if (!_ids.ContainsKey(id))
            {
                return false;
            }
        }

        return true;
    }

    public void AddRange(IReadOnlyList<string> ids)
    {
        if (capacity <= 0)
        {
            return;
        }

        foreach (var id in ids)
        {
            if (_ids.TryAdd(id, 0))
            {
                _order.Enqueue(id);
            }
        }

        while (_ids.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _ids.TryRemove(oldest, out _);
        }
    }
}
