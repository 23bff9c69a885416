using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Registers the gateway's payment on the invoice in the gateway's journal, once per gateway reference.</summary>
public sealed class RegisterPaymentActivity(OdooAccountingOperations accounting, CrossReferenceLedgerClient crossReferences)
    : Activity<RegisterPaymentInput, StepOutcome<PaymentRef>>
{
    public override async Task<StepOutcome<PaymentRef>> RunAsync(ActivityContext context, RegisterPaymentInput input, CancellationToken cancellationToken)
    {
        var outcome = await OdooStep.RunAsync(() => accounting.RegisterPaymentAsync(input.Payment, cancellationToken));
        if (outcome.Value is not null)
        {
            await crossReferences.LinkAsync(input.BusinessKey, new ExternalReference(ReferenceSystems.PaymentReference, input.PaymentReference), cancellationToken);
        }

        return outcome;
    }
}
