using RetailSync.ReturnToRefund.Options;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Hands the workflow the configured policies once, so a replay never sees a configuration change.</summary>
public sealed class LoadPolicyActivity(ReturnToRefundOptions options) : Activity<string?, ReturnToRefundOptions>
{
    public override Task<ReturnToRefundOptions> RunAsync(ActivityContext context, string? input, CancellationToken cancellationToken) =>
        Task.FromResult(options);
}
