using RetailSync.Workflows.Orchestration;

namespace RetailSync.Bench.Workflows;

/// <summary>The benchmark workflow: five sequential no-op activities.</summary>
public sealed class FiveStepWorkflow : Orchestrator<int, int>
{
    public override async Task<int> RunAsync(OrchestrationContext context, int input)
    {
        var value = input;
        for (var i = 0; i < 5; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(NoOpActivity), value);
        }

        return value;
    }
}
