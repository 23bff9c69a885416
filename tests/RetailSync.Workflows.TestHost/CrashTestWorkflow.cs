using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.TestHost;

/// <summary>Five steps with a durable timer in the middle: crashes land between steps, inside steps and on the timer.</summary>
public sealed class CrashTestWorkflow : Orchestrator<int, List<string>>
{
    public const string Name = "CrashTest";

    public override async Task<List<string>> RunAsync(OrchestrationContext context, int steps)
    {
        var results = new List<string>();
        for (var step = 1; step <= steps; step++)
        {
            if (step == 3)
            {
                await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
            }

            results.Add(await context.CallActivityAsync<string>(RecordStepActivity.Name, new StepInput(context.InstanceId, step)));
        }

        return results;
    }
}
