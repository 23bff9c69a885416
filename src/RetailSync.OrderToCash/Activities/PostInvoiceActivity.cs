using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Posts the draft invoice; posting a posted invoice succeeds.</summary>
public sealed class PostInvoiceActivity(OdooAccountingOperations accounting) : Activity<OrderStepInput, StepOutcome<InvoiceRef>>
{
    public override Task<StepOutcome<InvoiceRef>> RunAsync(ActivityContext context, OrderStepInput input, CancellationToken cancellationToken) =>
        OdooStep.RunAsync(() => accounting.PostInvoiceAsync(input.OdooId, cancellationToken));
}
