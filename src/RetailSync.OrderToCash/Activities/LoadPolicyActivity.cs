using RetailSync.OrderToCash.Options;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Hands the workflow the configured policies once, so a replay never sees a configuration change.</summary>
public sealed class LoadPolicyActivity(OrderToCashOptions options) : Activity<string?, OrderToCashOptions>
{
    public override Task<OrderToCashOptions> RunAsync(ActivityContext context, string? input, CancellationToken cancellationToken) =>
        Task.FromResult(options);
}
