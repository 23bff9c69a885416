namespace RetailSync.Workflows.Orchestration;

/// <summary>Untyped view of a workflow, for runtimes. Implement <see cref="Orchestrator{TInput, TOutput}"/> instead.</summary>
public interface IOrchestrator
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(OrchestrationContext context, object? input);
}
