using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Cancels the sale order and its open deliveries; cancelling a cancelled order succeeds.</summary>
public sealed class CancelSaleOrderActivity(OdooSalesOperations sales) : Activity<OrderStepInput, StepOutcome<bool>>
{
    public override Task<StepOutcome<bool>> RunAsync(ActivityContext context, OrderStepInput input, CancellationToken cancellationToken) =>
        OdooStep.RunAsync(async () =>
        {
            await sales.CancelSaleOrderAsync(input.OdooId, cancellationToken);
            return true;
        });
}
