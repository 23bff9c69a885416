namespace RetailSync.Sandbox.Stripe;

/// <summary>Faults to arm on the Stripe sandbox; each armed fault applies to the next <c>POST /v1/refunds</c>.</summary>
public sealed class StripeSandboxFaults
{
    private int _loseReplies;
    private int _serverErrors;

    /// <summary>The next <paramref name="times"/> refunds are made, then the connection is dropped before the reply.</summary>
    public void LoseReplyAfterRefund(int times = 1) => Interlocked.Add(ref _loseReplies, times);

    /// <summary>The next <paramref name="times"/> refund calls are answered 500 with nothing done.</summary>
    public void FailNextRefunds(int times = 1) => Interlocked.Add(ref _serverErrors, times);

    /// <summary>Faults armed and not yet fired.</summary>
    public int Armed => Volatile.Read(ref _loseReplies) + Volatile.Read(ref _serverErrors);

    internal bool TakeLoseReply() => Take(ref _loseReplies);

    internal bool TakeServerError() => Take(ref _serverErrors);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
