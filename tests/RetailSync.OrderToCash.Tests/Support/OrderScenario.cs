using System.Text.Json;
using RetailSync.Events;
using RetailSync.Routing;

namespace RetailSync.OrderToCash.Tests.Support;

/// <summary>Canonical events as the dispatcher raises them, for one Shopify order.</summary>
public sealed class OrderScenario(string orderId)
{
    public static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public string OrderId { get; } = orderId;

    public string OrderKey => $"order/shopify/acme.myshopify.com/{OrderId}";

    public string InstanceId => $"order:shopify:acme.myshopify.com/{OrderId}";

    public string PaymentReference => $"stripe/pi_{OrderId}";

    /// <summary>Two TEE-BLK-M at 25 and one MUG-LOGO at 14 with 6.95 shipping, 15% tax on top: 81.59.</summary>
    public static IReadOnlyList<OrderLine> DefaultLines { get; } =
    [
        new("1", "TEE-BLK-M", "Organic Tee Black M", 2, 25.00m, 0m, 7.50m),
        new("2", "MUG-LOGO", "Enamel Mug", 1, 14.00m, 0m, 2.10m),
    ];

    public static decimal TotalOf(IReadOnlyList<OrderLine> lines, decimal shipping = 6.95m) =>
        Math.Round((lines.Sum(l => l.UnitPrice * l.Quantity - l.DiscountAmount) + shipping) * 1.15m, 2, MidpointRounding.AwayFromZero);

    public OrderData Order(IReadOnlyList<OrderLine>? lines = null, decimal? total = null, string? financialStatus = "pending", DateTimeOffset? cancelledAt = null)
    {
        lines ??= DefaultLines;
        var subtotal = lines.Sum(l => l.UnitPrice * l.Quantity - l.DiscountAmount);
        var grand = total ?? TotalOf(lines);
        return new OrderData(
            OrderKey, "shopify", OrderId, "#" + OrderId, "USD", false, subtotal, lines.Sum(l => l.DiscountAmount), 6.95m,
            grand - subtotal - 6.95m, grand, financialStatus,
            new CustomerIdentity("cust-" + OrderId, $"buyer{OrderId}@example.com", "Ada Buyer", "US"),
            PaymentReference, lines, [new ShippingLine("Standard", "STD", 6.95m, 0m, 1.04m)], [], At, At.AddMinutes(cancelledAt is null ? 0 : 5), cancelledAt,
            cancelledAt is null ? null : "customer");
    }

    public RoutedEvent Placed(OrderData? order = null, string? id = null) =>
        Routed(id ?? $"evt-placed-{OrderId}", RetailEventTypes.OrderPlaced, OrderKey, order ?? Order());

    public RoutedEvent Cancelled(string? id = null) =>
        Routed(id ?? $"evt-cancel-{OrderId}", RetailEventTypes.OrderCancelled, OrderKey, Order(cancelledAt: At.AddMinutes(5)));

    public RoutedEvent Paid(decimal? amount = null, string? id = null, string? reference = null, string currency = "USD") =>
        Routed(id ?? $"evt-paid-{OrderId}", RetailEventTypes.PaymentCaptured, "payment/" + (reference ?? PaymentReference),
            new PaymentData(reference ?? PaymentReference, "stripe", amount ?? TotalOf(DefaultLines), currency, "succeeded", OrderKey, "card", null, null, At.AddMinutes(1)));

    public RoutedEvent Shipped(string shipmentId, IReadOnlyList<ShipmentLine>? lines = null, string? id = null, string? tracking = null) =>
        Routed(id ?? $"evt-ship-{OrderId}-{shipmentId}", RetailEventTypes.ShipmentDispatched, $"shipment/warehouse/{shipmentId}",
            new ShipmentData($"shipment/warehouse/{shipmentId}", "warehouse", shipmentId, OrderKey, "dispatched", "UPS", null,
                [tracking ?? "1Z" + shipmentId], null, false, lines ?? [new("TEE-BLK-M", 2), new("MUG-LOGO", 1)], At.AddHours(2)));

    private static RoutedEvent Routed(string id, string type, string subject, object data) =>
        new(id, type, subject, subject.Split('/')[1], At, null, "corr-" + id, null, null, null, false,
            JsonSerializer.SerializeToElement(data, data.GetType(), RetailEventJson.Options));
}
