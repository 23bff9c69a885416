using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Places the sale order (idempotent on the channel reference) and links its id to the order.</summary>
public sealed class CreateSaleOrderActivity(OdooSalesOperations sales, CrossReferenceLedgerClient crossReferences)
    : Activity<CreateSaleOrderInput, StepOutcome<SaleOrderRef>>
{
    public override async Task<StepOutcome<SaleOrderRef>> RunAsync(ActivityContext context, CreateSaleOrderInput input, CancellationToken cancellationToken)
    {
        var outcome = await OdooStep.RunAsync(() => sales.CreateSaleOrderAsync(input.Order, cancellationToken));
        if (outcome.Value is { } order)
        {
            await crossReferences.LinkAsync(input.BusinessKey, new ExternalReference(ReferenceSystems.OdooSaleOrder, EnsureCustomerActivity.Id(order.OrderId)), cancellationToken);
        }

        return outcome;
    }
}
