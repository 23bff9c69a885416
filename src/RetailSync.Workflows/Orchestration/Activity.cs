namespace RetailSync.Workflows.Orchestration;

/// <summary>
/// One unit of I/O in a workflow (mirrors Durable's <c>TaskActivity&lt;TInput, TOutput&gt;</c>). Activities run at
/// least once: a host crash re-runs one that was in flight, so every activity must be idempotent.
/// Activities are resolved from dependency injection per call.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    Type IActivity.InputType => typeof(TInput);

    Type IActivity.OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> IActivity.RunAsync(ActivityContext context, object? input, CancellationToken cancellationToken)
        => await RunAsync(context, (TInput)input!, cancellationToken);
}
