using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Reads the sale order's state and Odoo-computed totals; links its name (<c>S00042</c>) to the order.</summary>
public sealed class ReadSaleOrderActivity(OdooSalesOperations sales, CrossReferenceLedgerClient crossReferences)
    : Activity<OrderStepInput, StepOutcome<SaleOrderStatus>>
{
    public override async Task<StepOutcome<SaleOrderStatus>> RunAsync(ActivityContext context, OrderStepInput input, CancellationToken cancellationToken)
    {
        var outcome = await OdooStep.RunAsync(() => sales.GetSaleOrderStatusAsync(input.OdooId, cancellationToken));
        if (outcome.Value is { Name.Length: > 0 } status)
        {
            await crossReferences.LinkAsync(input.BusinessKey, new ExternalReference(ReferenceSystems.OdooSaleOrderName, status.Name), cancellationToken);
        }

        return outcome;
    }
}
