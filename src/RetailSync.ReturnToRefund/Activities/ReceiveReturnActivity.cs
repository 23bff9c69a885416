using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>
/// Receives a warehouse receipt into the locations its dispositions name (stock, quarantine, vendor return; scrap),
/// idempotent on the receipt id, and links the validated transfers to the return.
/// </summary>
public sealed class ReceiveReturnActivity(OdooStockOperations stock, CrossReferenceLedgerClient crossReferences)
    : Activity<ReceiveReturnInput, StepOutcome<ReturnLinesReceipt>>
{
    public override async Task<StepOutcome<ReturnLinesReceipt>> RunAsync(ActivityContext context, ReceiveReturnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await ReturnStep.RunAsync(() => stock.ReceiveReturnLinesAsync(input.Request, cancellationToken));
        if (outcome.Value is { } receipt)
        {
            foreach (var group in receipt.Groups)
            {
                await crossReferences.LinkAsync(input.ReturnKey, new ExternalReference(ReferenceSystems.OdooStockPicking, ReturnStep.Id(group.PickingId)), cancellationToken);
            }
        }

        return outcome;
    }
}
