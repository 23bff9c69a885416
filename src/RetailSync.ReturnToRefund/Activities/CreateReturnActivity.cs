using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Creates the incoming return transfer (idempotent on the return reference) and links it to the return.</summary>
public sealed class CreateReturnActivity(OdooStockOperations stock, CrossReferenceLedgerClient crossReferences)
    : Activity<CreateReturnInput, StepOutcome<ReturnRef>>
{
    public override async Task<StepOutcome<ReturnRef>> RunAsync(ActivityContext context, CreateReturnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await ReturnStep.RunAsync(() => stock.CreateReturnAsync(input.Request, cancellationToken));
        if (outcome.Value is { } created)
        {
            await crossReferences.LinkAsync(input.ReturnKey, new ExternalReference(ReferenceSystems.OdooStockPicking, ReturnStep.Id(created.PickingId)), cancellationToken);
        }

        return outcome;
    }
}
