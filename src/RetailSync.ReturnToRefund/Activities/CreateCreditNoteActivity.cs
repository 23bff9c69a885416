using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Creates and posts the credit note of exactly the refunded lines and amount (idempotent on its reference).</summary>
public sealed class CreateCreditNoteActivity(OdooAccountingOperations accounting, CrossReferenceLedgerClient crossReferences)
    : Activity<CreditNoteInput, StepOutcome<InvoiceRef>>
{
    public override async Task<StepOutcome<InvoiceRef>> RunAsync(ActivityContext context, CreditNoteInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await ReturnStep.RunAsync(() => accounting.CreateCreditNoteAsync(input.Request, cancellationToken));
        if (outcome.Value is { } note)
        {
            await crossReferences.LinkAsync(input.ReturnKey, new ExternalReference(ReferenceSystems.OdooAccountMove, ReturnStep.Id(note.InvoiceId)), cancellationToken);
        }

        return outcome;
    }
}
