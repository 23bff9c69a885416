using RetailSync.Workflows.Orchestration;

namespace RetailSync.Bench.Workflows;

/// <summary>Does nothing but add one: the benchmark measures the runtime, not the work.</summary>
public sealed class NoOpActivity : Activity<int, int>
{
    public override Task<int> RunAsync(ActivityContext context, int input, CancellationToken cancellationToken) => Task.FromResult(input + 1);
}
