namespace RetailSync.Workflows.Orchestration;

/// <summary>Untyped view of an activity, for runtimes. Implement <see cref="Activity{TInput, TOutput}"/> instead.</summary>
public interface IActivity
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(ActivityContext context, object? input, CancellationToken cancellationToken);
}
