using RetailSync.Routing;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>
/// One durable instance per return (<c>return:{channel}:{key}</c>), started by the dispatcher with a
/// <see cref="RoutedWorkflowInput"/> and fed every event of the return as a <see cref="RoutedEvent"/> raised under its
/// CloudEvent type. It checks eligibility against Odoo, creates the return transfer, receives each warehouse receipt
/// into the locations its dispositions name, refunds per the channel's policy (at the gateway with an idempotency key,
/// or by recording the channel's own refund; large refunds after an operator's approval), books a credit note for
/// exactly the refunded lines and amount with the refund registered against it, and parks what needs an operator.
/// </summary>
public sealed partial class ReturnToRefundWorkflow : Orchestrator<RoutedWorkflowInput, ReturnToRefundResult>
{
    public override async Task<ReturnToRefundResult> RunAsync(OrchestrationContext context, RoutedWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var run = new ReturnToRefundRun(context, input);
        return await run.RunAsync();
    }
}
