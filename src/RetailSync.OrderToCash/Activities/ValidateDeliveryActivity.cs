using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Validates the delivery with the shipped quantities and tracking reference; links the picking to the order.</summary>
public sealed class ValidateDeliveryActivity(OdooStockOperations stock, CrossReferenceLedgerClient crossReferences)
    : Activity<ValidateDeliveryInput, StepOutcome<DeliveryResult>>
{
    public override async Task<StepOutcome<DeliveryResult>> RunAsync(ActivityContext context, ValidateDeliveryInput input, CancellationToken cancellationToken)
    {
        var outcome = await OdooStep.RunAsync(() => stock.ValidateDeliveryAsync(input.Delivery, cancellationToken));
        if (outcome.Value is { } delivery)
        {
            await crossReferences.LinkAsync(input.BusinessKey, new ExternalReference(ReferenceSystems.OdooStockPicking, EnsureCustomerActivity.Id(delivery.PickingId)), cancellationToken);
            if (input.ShipmentKey is not null)
            {
                await crossReferences.LinkAsync(input.BusinessKey, new ExternalReference(ReferenceSystems.Shipment, input.ShipmentKey), cancellationToken);
            }
        }

        return outcome;
    }
}
