using RetailSync.OrderToCash.Activities;
using RetailSync.Payments;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>
/// Refunds at the gateway of the order's payment with the batch's idempotency key: retried after any failure
/// (including a reply lost after the refund was made) it returns the refund the first call made and never moves
/// money twice. Transient gateway failures are thrown for the retry policy; refusals come back as problems.
/// </summary>
public sealed class RefundAtGatewayActivity(PaymentGateways gateways) : Activity<GatewayRefundInput, StepOutcome<GatewayRefund>>
{
    public override async Task<StepOutcome<GatewayRefund>> RunAsync(ActivityContext context, GatewayRefundInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var reference in input.PaymentReferences)
        {
            if (!gateways.TryResolve(reference, out var gateway, out var paymentId))
            {
                continue;
            }

            var request = new GatewayRefundRequest(paymentId, input.Amount, input.Currency, input.IdempotencyKey)
            {
                Reason = input.Reason,
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["return_key"] = input.ReturnKey,
                    ["order_key"] = input.OrderKey,
                },
            };
            return await ReturnStep.RunAsync(() => gateway.RefundAsync(request, cancellationToken));
        }

        return new StepOutcome<GatewayRefund>(default, new StepProblem(
            ReturnExceptionKinds.NoGateway,
            input.PaymentReferences.Count == 0
                ? $"No payment is linked to {input.OrderKey}: nothing to refund at a gateway."
                : $"The payment(s) of {input.OrderKey} ({string.Join(", ", input.PaymentReferences)}) are at no registered gateway."));
    }
}
