using System.Globalization;
using Azure;
using Azure.Data.Tables;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.TestHost;

/// <summary>
/// An idempotent activity: records every run (row <c>run-{step}-{guid}</c>) and its effect once (row
/// <c>done-{step}</c>, a conditional insert), so the test can count runs and effects.
/// </summary>
public sealed class RecordStepActivity(TableClient completions) : Activity<StepInput, string>
{
    public const string Name = "RecordStep";

    public override async Task<string> RunAsync(ActivityContext context, StepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pk = input.InstanceId.Replace('/', '_');
        var step = input.Step.ToString(CultureInfo.InvariantCulture);
        await completions.AddEntityAsync(new TableEntity(pk, $"run-{step}-{Guid.NewGuid():N}") { ["Attempt"] = context.Attempt }, cancellationToken);

        // Simulated I/O, so that a kill often lands inside an activity.
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        try
        {
            await completions.AddEntityAsync(new TableEntity(pk, $"done-{step}"), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Done by an earlier run that crashed before reporting: idempotent.
        }

        return $"{input.InstanceId}#{step}";
    }
}
