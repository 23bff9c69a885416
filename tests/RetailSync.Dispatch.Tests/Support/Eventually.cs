namespace RetailSync.Dispatch.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (synchronises on the condition, never on time).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Yield();
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
