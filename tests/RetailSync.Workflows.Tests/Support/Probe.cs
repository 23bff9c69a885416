using System.Collections.Concurrent;

namespace RetailSync.Workflows.Tests.Support;

/// <summary>Test-side record of what activities and orchestrators did (a DI singleton).</summary>
public sealed class Probe
{
    private int _running;
    private int _peak;

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public SemaphoreSlim Gate { get; } = new(0, int.MaxValue);

    public int Running => Volatile.Read(ref _running);

    public int Peak => Volatile.Read(ref _peak);

    public int Count(string key) => Runs.TryGetValue(key, out var n) ? n : 0;

    public int Increment(string key) => Runs.AddOrUpdate(key, 1, (_, n) => n + 1);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _running);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _running);
}
