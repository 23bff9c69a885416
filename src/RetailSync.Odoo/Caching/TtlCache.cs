using System.Collections.Concurrent;

namespace RetailSync.Odoo.Caching;

/// <summary>A thread-safe map whose entries expire after a time to live measured on a <see cref="TimeProvider"/>.</summary>
internal sealed class TtlCache<TKey, TValue>(TimeProvider timeProvider, TimeSpan ttl, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = new(comparer);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Expires > timeProvider.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<TKey, (TValue, DateTimeOffset)>(key, entry));
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value) => _entries[key] = (value, timeProvider.GetUtcNow() + ttl);

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    public void Clear() => _entries.Clear();
}
