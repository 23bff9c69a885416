using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Resolves every SKU of the order in one Odoo call; an unknown SKU is a problem listing all of them.</summary>
public sealed class ResolveProductsActivity(OdooSalesOperations sales) : Activity<IReadOnlyList<string>, StepOutcome<int>>
{
    public override Task<StepOutcome<int>> RunAsync(ActivityContext context, IReadOnlyList<string> input, CancellationToken cancellationToken) =>
        OdooStep.RunAsync(async () => (await sales.ResolveProductsAsync(input, cancellationToken)).Count);
}
