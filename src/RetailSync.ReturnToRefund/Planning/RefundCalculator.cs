using RetailSync.Events;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.ReturnToRefund.Options;
using RetailSync.ReturnToRefund.Workflow;

namespace RetailSync.ReturnToRefund.Planning;

/// <summary>
/// Prices a refund batch from what the order's invoice charged (tax included, line discounts included), so the refund
/// and its credit note agree with Odoo: a SKU's units are worth their share of the invoiced total for that SKU.
/// Deducts the channel's restocking fee (not on fee-exempt inspection results) and, on the first batch only, the
/// return shipping fee. Pure: orchestrator code calls it.
/// </summary>
public static class RefundCalculator
{
    public static RefundPlan Plan(IReadOnlyList<RefundUnit> units, IReadOnlyList<InvoicedSku> invoiced, ReturnChannelPolicy policy, string currency, bool firstBatch)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(invoiced);
        ArgumentNullException.ThrowIfNull(policy);
        var decimals = CurrencyMinorUnits.Exponent(currency);
        var lines = new List<RefundedLine>();
        var feeBase = 0m;
        foreach (var group in units.Where(u => u.Quantity > 0).GroupBy(u => u.Sku, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var price = invoiced.FirstOrDefault(i => string.Equals(i.Sku, group.Key, StringComparison.Ordinal));
            var quantity = group.Sum(u => u.Quantity);
            var amount = price is null || price.Quantity <= 0 ? 0m : Round(price.Total * quantity / price.Quantity, decimals);
            lines.Add(new RefundedLine(group.Key, quantity, amount));
            foreach (var unit in group)
            {
                if (unit.Inspection is not { } inspection || !policy.FeeExemptInspections.Contains(inspection))
                {
                    feeBase += price is null || price.Quantity <= 0 ? 0m : price.Total * unit.Quantity / price.Quantity;
                }
            }
        }

        var gross = lines.Sum(l => l.Amount);
        var fee = Math.Min(gross, Round(feeBase * policy.RestockingFeePercent / 100m, decimals));
        var shipping = firstBatch ? Math.Min(gross - fee, policy.ReturnShippingFee) : 0m;
        return new RefundPlan(lines, gross, fee, shipping, gross - fee - shipping);
    }

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
