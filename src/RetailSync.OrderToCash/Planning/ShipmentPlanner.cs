using RetailSync.Events;
using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Planning;

/// <summary>Translates a canonical <see cref="ShipmentData"/> into the quantities per SKU Odoo validates.</summary>
public static class ShipmentPlanner
{
    /// <summary>Shipped quantities per SKU (lines without a SKU are matched to the order line by id), or an error.</summary>
    public static IReadOnlyList<ShippedQuantity>? TryPlan(ShipmentData shipment, OrderData? order, out string? error)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        error = null;
        var quantities = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var skus = new List<string>();
        foreach (var line in shipment.Lines)
        {
            if (line.Quantity <= 0)
            {
                continue;
            }

            var sku = line.Sku;
            if (string.IsNullOrWhiteSpace(sku) && line.LineId is not null)
            {
                sku = order?.Lines.FirstOrDefault(l => string.Equals(l.LineId, line.LineId, StringComparison.Ordinal))?.Sku;
            }

            if (string.IsNullOrWhiteSpace(sku))
            {
                error = $"Shipment '{shipment.ChannelShipmentId}' has a line without a SKU that matches no order line.";
                return null;
            }

            if (!quantities.TryGetValue(sku, out var quantity))
            {
                skus.Add(sku);
            }

            quantities[sku] = quantity + line.Quantity;
        }

        if (skus.Count == 0)
        {
            error = $"Shipment '{shipment.ChannelShipmentId}' ships nothing.";
            return null;
        }

        return skus.Select(s => new ShippedQuantity(s, quantities[s])).ToList();
    }

    /// <summary>The tracking reference written on the picking: the carrier's numbers, else the channel's shipment id.</summary>
    public static string TrackingReference(ShipmentData shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var numbers = shipment.TrackingNumbers.Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        return numbers.Count > 0 ? string.Join(",", numbers) : shipment.ChannelShipmentId;
    }
}
