using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Registers the refund payment against the credit note, reconciling it (idempotent on the refund's reference).</summary>
public sealed class RegisterRefundActivity(OdooAccountingOperations accounting) : Activity<RegisterRefundInput, StepOutcome<PaymentRef>>
{
    public override Task<StepOutcome<PaymentRef>> RunAsync(ActivityContext context, RegisterRefundInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReturnStep.RunAsync(() => accounting.RegisterRefundAsync(input.Payment, cancellationToken));
    }
}
