using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Invoices the sale order through the advance-payment wizard (finds the invoice a lost reply made); links it.</summary>
public sealed class CreateInvoiceActivity(OdooAccountingOperations accounting, CrossReferenceLedgerClient crossReferences)
    : Activity<OrderStepInput, StepOutcome<InvoiceRef>>
{
    public override async Task<StepOutcome<InvoiceRef>> RunAsync(ActivityContext context, OrderStepInput input, CancellationToken cancellationToken)
    {
        var outcome = await OdooStep.RunAsync(() => accounting.CreateInvoiceAsync(input.OdooId, cancellationToken));
        if (outcome.Value is { } invoice)
        {
            await crossReferences.LinkAsync(input.BusinessKey, new ExternalReference(ReferenceSystems.OdooAccountMove, EnsureCustomerActivity.Id(invoice.InvoiceId)), cancellationToken);
        }

        return outcome;
    }
}
