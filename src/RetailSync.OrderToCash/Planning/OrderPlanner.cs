using System.Globalization;
using RetailSync.Events;
using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Planning;

/// <summary>
/// Translates canonical <see cref="OrderData"/> into an Odoo <see cref="SaleOrderRequest"/>: tax-exclusive unit prices
/// (Odoo adds its own taxes), line discounts as percentages, shipping after its discounts as one service line.
/// Pure and deterministic: the workflow calls it.
/// </summary>
public static class OrderPlanner
{
    /// <summary>Builds the plan, or returns the reason the order cannot be placed as it is.</summary>
    public static OrderPlan? TryPlan(OrderData order, string walkInCustomerName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(order);
        error = null;
        var lines = new List<SaleOrderLineRequest>();
        foreach (var line in order.Lines)
        {
            if (line.Quantity <= 0)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Sku))
            {
                error = $"Line '{line.LineId}' ('{line.Title}') has no SKU.";
                return null;
            }

            var gross = line.UnitPrice * line.Quantity;
            var net = gross - line.DiscountAmount;
            if (line.UnitPrice < 0 || line.DiscountAmount < 0 || net < 0)
            {
                error = $"Line '{line.LineId}' ({line.Sku}) has a negative price or a discount above its price.";
                return null;
            }

            var unitPrice = line.UnitPrice;
            if (order.TaxesIncluded && net > 0)
            {
                // Prices include tax: Odoo adds tax on top, so give it the tax-exclusive price.
                unitPrice = line.UnitPrice * (net - line.TaxAmount) / net;
            }

            var discountPercent = gross == 0 ? 0 : line.DiscountAmount / gross * 100m;
            lines.Add(new SaleOrderLineRequest(line.Sku, line.Quantity, Math.Round(unitPrice, 4, MidpointRounding.AwayFromZero))
            {
                DiscountPercent = Math.Round(discountPercent, 4, MidpointRounding.AwayFromZero),
            });
        }

        if (lines.Count == 0)
        {
            error = "The order has no line with a positive quantity.";
            return null;
        }

        var shipping = order.ShippingLines.Sum(s => s.Price - s.DiscountAmount - (order.TaxesIncluded ? s.TaxAmount : 0m));
        var request = new SaleOrderRequest(order.Channel, order.ChannelOrderId, Customer(order, walkInCustomerName), lines)
        {
            Shipping = shipping > 0
                ? new ShippingCharge(Math.Round(shipping, 2, MidpointRounding.AwayFromZero))
                {
                    Description = string.Join(", ", order.ShippingLines.Select(s => s.Title).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal)) is { Length: > 0 } title ? title : null,
                }
                : null,
        };
        var skus = lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
        return new OrderPlan(request, skus);
    }

    /// <summary>The customer request: by channel customer id, else e-mail, else the channel's walk-in customer.</summary>
    public static CustomerRequest Customer(OrderData order, string walkInCustomerName)
    {
        ArgumentNullException.ThrowIfNull(order);
        var identity = order.Customer;
        var id = FirstNonBlank(identity?.ChannelCustomerId, identity?.Email);
        if (id is null)
        {
            return new CustomerRequest(order.Channel, "walk-in", walkInCustomerName);
        }

        var name = FirstNonBlank(identity?.Name, identity?.Email) ?? string.Create(CultureInfo.InvariantCulture, $"{order.Channel} customer {id}");
        var address = string.IsNullOrWhiteSpace(identity?.CountryCode) ? null : new PostalAddress(null, null, null, null, identity.CountryCode);
        return new CustomerRequest(order.Channel, id, name) { Email = identity?.Email, BillingAddress = address };
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
