using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Confirms the sale order (stock is reserved); confirming a confirmed order succeeds.</summary>
public sealed class ConfirmSaleOrderActivity(OdooSalesOperations sales) : Activity<OrderStepInput, StepOutcome<bool>>
{
    public override Task<StepOutcome<bool>> RunAsync(ActivityContext context, OrderStepInput input, CancellationToken cancellationToken) =>
        OdooStep.RunAsync(async () =>
        {
            await sales.ConfirmSaleOrderAsync(input.OdooId, cancellationToken);
            return true;
        });
}
