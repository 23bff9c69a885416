namespace RetailSync.Workflows.Embedded.Runtime;

/// <summary>Arrival order for inbox messages: the sender's clock in ticks, strictly increasing within the process.</summary>
internal static class InboxSequence
{
    private static long _last;

    public static long Next(TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }
}
