namespace RetailSync.Workflows.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (synchronises on the condition, never on a fixed sleep).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await PauseAsync(CancellationToken.None);
        }
    }

    /// <summary>A short back-off between polls of a condition.</summary>
    public static Task PauseAsync(CancellationToken cancellationToken) => Task.Delay(5, cancellationToken);
}
