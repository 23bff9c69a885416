using RetailSync.Routing;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Workflow;

/// <summary>
/// One durable instance per channel order (<c>order:{channel}:{key}</c>), started by the dispatcher with a
/// <see cref="RoutedWorkflowInput"/> and fed every event of the order as a <see cref="RoutedEvent"/> raised under its
/// CloudEvent type. A small state machine: it applies events in whatever order they arrive, performs in Odoo every
/// step that became possible, parks on what needs an operator, and ends with an <see cref="OrderToCashResult"/>.
/// </summary>
public sealed partial class OrderToCashWorkflow : Orchestrator<RoutedWorkflowInput, OrderToCashResult>
{
    public override async Task<OrderToCashResult> RunAsync(OrchestrationContext context, RoutedWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var run = new OrderToCashRun(context, input);
        return await run.RunAsync();
    }
}
