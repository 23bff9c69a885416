using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Finds or creates the customer's partner and links it to the order.</summary>
public sealed class EnsureCustomerActivity(OdooSalesOperations sales, CrossReferenceLedgerClient crossReferences)
    : Activity<EnsureCustomerInput, StepOutcome<CustomerRef>>
{
    public override async Task<StepOutcome<CustomerRef>> RunAsync(ActivityContext context, EnsureCustomerInput input, CancellationToken cancellationToken)
    {
        var outcome = await OdooStep.RunAsync(() => sales.EnsureCustomerAsync(input.Customer, cancellationToken));
        if (outcome.Value is { } customer)
        {
            await crossReferences.LinkAsync(input.BusinessKey, new ExternalReference(ReferenceSystems.OdooPartner, Id(customer.PartnerId)), cancellationToken);
        }

        return outcome;
    }

    internal static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
