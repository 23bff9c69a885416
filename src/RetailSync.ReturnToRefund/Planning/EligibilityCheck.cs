using System.Globalization;
using RetailSync.Events;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.ReturnToRefund.Options;

namespace RetailSync.ReturnToRefund.Planning;

/// <summary>
/// Whether a return may go ahead, judged against Odoo: the order was delivered, every line names a SKU that was
/// delivered in at least that quantity not already returned, no line is non-returnable, and the channel authorized the
/// return within the window after the last delivery. Every reason is worded for the customer. Pure.
/// </summary>
public static class EligibilityCheck
{
    public static IReadOnlyList<string> Reasons(IReadOnlyList<ReturnLine> lines, DateTimeOffset authorizedAt, OrderContext order, ReturnChannelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(policy);
        var reasons = new List<string>();
        if (order.State == "cancel")
        {
            reasons.Add($"Order {order.SaleOrderName} was cancelled.");
            return reasons;
        }

        if (order.LastDeliveredAt is not { } delivered || order.Lines.All(l => l.Delivered <= 0))
        {
            reasons.Add($"Order {order.SaleOrderName} has not been delivered yet.");
            return reasons;
        }

        if (authorizedAt > delivered + policy.ReturnWindow)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"The return window of {policy.ReturnWindow.TotalDays:0} days after delivery on {delivered:yyyy-MM-dd} has passed."));
        }

        foreach (var line in lines.Where(l => l.Sku is null))
        {
            reasons.Add($"Return line {line.LineId ?? "?"} names no product (SKU).");
        }

        foreach (var group in lines.Where(l => l.Sku is not null).GroupBy(l => l.Sku!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var requested = group.Sum(l => l.Quantity);
            if (policy.NonReturnableSkus.Contains(group.Key, StringComparer.OrdinalIgnoreCase))
            {
                reasons.Add($"{group.Key} cannot be returned (final sale).");
                continue;
            }

            var line = order.Lines.FirstOrDefault(l => string.Equals(l.Sku, group.Key, StringComparison.Ordinal));
            if (line is null)
            {
                reasons.Add($"{group.Key} is not on order {order.SaleOrderName}.");
            }
            else if (requested > line.Returnable)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{requested} x {group.Key} requested but only {line.Returnable:0.##} can be returned ({line.Delivered:0.##} delivered, {line.Returned:0.##} already returned)."));
            }
        }

        return reasons;
    }
}
