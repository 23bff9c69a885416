using RetailSync.Payments;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Asks the gateway where a pending refund stands (in case its settling webhook is late or lost).</summary>
public sealed class GetGatewayRefundActivity(PaymentGateways gateways) : Activity<GatewayRefundLookup, GatewayRefund?>
{
    public override async Task<GatewayRefund?> RunAsync(ActivityContext context, GatewayRefundLookup input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return gateways.TryGet(input.Gateway, out var gateway) ? await gateway.GetRefundAsync(input.RefundId, cancellationToken) : null;
    }
}
