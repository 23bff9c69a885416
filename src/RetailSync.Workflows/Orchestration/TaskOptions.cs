namespace RetailSync.Workflows.Orchestration;

/// <summary>Options for an activity call (mirrors Durable's <c>TaskOptions</c>).</summary>
/// <param name="Retry">How failures are retried; null runs the activity once.</param>
public sealed record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
