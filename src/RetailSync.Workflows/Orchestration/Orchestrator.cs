namespace RetailSync.Workflows.Orchestration;

/// <summary>
/// A workflow (mirrors Durable's <c>TaskOrchestrator&lt;TInput, TOutput&gt;</c>). Its code is replayed and must be
/// deterministic; it is checked by the RetailSync determinism analyzer.
/// </summary>
public abstract class Orchestrator<TInput, TOutput> : IOrchestrator
{
    Type IOrchestrator.InputType => typeof(TInput);

    Type IOrchestrator.OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(OrchestrationContext context, TInput input);

    async Task<object?> IOrchestrator.RunAsync(OrchestrationContext context, object? input)
        => await RunAsync(context, (TInput)input!);
}
