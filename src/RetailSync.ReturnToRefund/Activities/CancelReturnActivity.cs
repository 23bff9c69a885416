using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Cancels what is still open of a return transfer (the channel cancelled or closed the return).</summary>
public sealed class CancelReturnActivity(OdooStockOperations stock) : Activity<ReturnPickingInput, StepOutcome<bool>>
{
    public override Task<StepOutcome<bool>> RunAsync(ActivityContext context, ReturnPickingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReturnStep.RunAsync(() => stock.CancelReturnAsync(input.PickingId, cancellationToken));
    }
}
