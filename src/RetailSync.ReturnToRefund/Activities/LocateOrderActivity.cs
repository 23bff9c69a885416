using RetailSync.Events;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>
/// Finds the return's order in Odoo (through the cross-reference order-to-cash wrote, else by its channel reference)
/// and reads what eligibility and the refund need: delivered and returned quantities, the posted invoice's prices, and
/// the order's payment references. An order Odoo does not hold yet is a <see cref="ReturnExceptionKinds.OrderNotInOdoo"/> problem.
/// </summary>
public sealed class LocateOrderActivity(
    OdooSalesOperations sales,
    OdooStockOperations stock,
    OdooAccountingOperations accounting,
    CrossReferenceLedgerClient crossReferences) : Activity<LocateOrderInput, StepOutcome<OrderContext>>
{
    public override async Task<StepOutcome<OrderContext>> RunAsync(ActivityContext context, LocateOrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var saleOrderId = await FindSaleOrderAsync(input.OrderKey, cancellationToken);
        if (saleOrderId is not long id)
        {
            return new StepOutcome<OrderContext>(default, new StepProblem(ReturnExceptionKinds.OrderNotInOdoo, $"Odoo holds no sale order for {input.OrderKey} yet."));
        }

        return await ReturnStep.RunAsync(async () =>
        {
            var status = await sales.GetSaleOrderStatusAsync(id, cancellationToken);
            var returnable = await stock.GetReturnableAsync(id, input.ReturnReference, cancellationToken);
            InvoiceRef? invoice = null;
            foreach (var invoiceId in status.InvoiceIds)
            {
                var move = await accounting.GetInvoiceAsync(invoiceId, cancellationToken);
                if (move.MoveType == "out_invoice" && move.State == "posted" && (invoice is null || move.InvoiceId > invoice.InvoiceId))
                {
                    invoice = move;
                }
            }

            var invoiced = invoice is null
                ? []
                : (await accounting.GetInvoiceLinesAsync(invoice.InvoiceId, cancellationToken))
                    .Where(l => l.Sku is not null && l.Quantity > 0)
                    .GroupBy(l => l.Sku!, StringComparer.Ordinal)
                    .Select(g => new InvoicedSku(g.Key, g.Sum(l => l.Quantity), g.Sum(l => l.PriceTotal), g.Sum(l => l.PriceSubtotal)))
                    .OrderBy(s => s.Sku, StringComparer.Ordinal)
                    .ToList();
            var payments = (await crossReferences.GetReferencesAsync(input.OrderKey, ReferenceSystems.PaymentReference, cancellationToken))
                .Select(r => r.Value)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return new OrderContext(input.OrderKey, id, status.Name, status.State, returnable.LastDeliveredAt, returnable.Lines, invoice?.InvoiceId, invoiced, payments);
        });
    }

    private async Task<long?> FindSaleOrderAsync(string orderKey, CancellationToken cancellationToken)
    {
        var linked = await crossReferences.GetReferenceAsync(orderKey, ReferenceSystems.OdooSaleOrder, cancellationToken);
        if (long.TryParse(linked, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        // Not placed through RetailSync (or the link was lost): order-to-cash names sale orders {channel}:{channel order id}.
        if (!BusinessKey.TryParseSubject(orderKey, out var key))
        {
            return null;
        }

        var channelOrderId = key.Key[(key.Key.LastIndexOf('/') + 1)..];
        return (await sales.FindSaleOrderAsync(key.Channel, channelOrderId, cancellationToken))?.OrderId;
    }
}
