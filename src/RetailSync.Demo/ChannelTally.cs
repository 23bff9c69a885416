namespace RetailSync.Demo;

/// <summary>What one channel's deliveries got back (thread-safe counters).</summary>
public sealed class ChannelTally(string channel)
{
    private int _accepted;
    private int _duplicates;
    private int _ignored;
    private int _rejected;
    private int _events;

    public string Channel { get; } = channel;

    public int Accepted => _accepted;

    public int Duplicates => _duplicates;

    public int Ignored => _ignored;

    public int Rejected => _rejected;

    public int Events => _events;

    public void Accept(int events)
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Add(ref _events, events);
    }

    public void Duplicate() => Interlocked.Increment(ref _duplicates);

    public void Ignore() => Interlocked.Increment(ref _ignored);

    public void Reject() => Interlocked.Increment(ref _rejected);
}
