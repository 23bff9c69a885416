using System.Text.Json;
using RetailSync.Events;
using RetailSync.Routing;

namespace RetailSync.ReturnToRefund.Tests.Support;

/// <summary>Canonical events as the dispatcher raises them, for one return of one delivered order.</summary>
public sealed class ReturnScenario(string channel, string returnId, DeliveredOrder order)
{
    public static readonly DateTimeOffset At = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public string Channel { get; } = channel;

    public string ReturnId { get; } = returnId;

    public DeliveredOrder Order { get; } = order;

    public string ReturnKey => $"return/{Channel}/{ReturnId}";

    public string InstanceId => $"return:{Channel}:{ReturnId}";

    public RoutedEvent Authorized(IReadOnlyList<(string Sku, int Quantity)> lines, DateTimeOffset? at = null, string? id = null, IReadOnlyList<ExchangeLine>? exchanges = null) =>
        Routed(id ?? $"evt-auth-{ReturnId}", RetailEventTypes.ReturnAuthorized, ReturnKey,
            new ReturnData(ReturnKey, Channel, ReturnId, Order.OrderKey, "open", "USD", null,
                lines.Select((l, i) => new ReturnLine($"L{i + 1}", l.Sku, l.Quantity, "too small")).ToList(), at ?? At, exchanges));

    public RoutedEvent Updated(string status, string? id = null) =>
        Routed(id ?? $"evt-upd-{ReturnId}-{status}", RetailEventTypes.ReturnUpdated, ReturnKey,
            new ReturnData(ReturnKey, Channel, ReturnId, Order.OrderKey, status, "USD", null, [], At.AddHours(1)));

    public RoutedEvent Closed(string? id = null) =>
        Routed(id ?? $"evt-close-{ReturnId}", RetailEventTypes.ReturnClosed, ReturnKey,
            new ReturnData(ReturnKey, Channel, ReturnId, Order.OrderKey, "closed", "USD", null, [], At.AddDays(3)));

    public RoutedEvent Received(string receiptId, IReadOnlyList<(string Sku, int Quantity, InspectionResult Inspection, ReturnDisposition Disposition)> lines, string? id = null) =>
        Routed(id ?? $"evt-recv-{ReturnId}-{receiptId}", RetailEventTypes.ReturnReceived, $"return/{Channel}/{ReturnId}",
            new ReturnReceiptData(ReturnKey, "warehouse", receiptId, Order.OrderKey, "WH",
                lines.Select(l => new ReturnReceiptLine(l.Sku, l.Quantity, l.Inspection, l.Disposition)).ToList(), At.AddDays(2)));

    public RoutedEvent ChannelRefund(string refundId, decimal amount, IReadOnlyList<(string Sku, int Quantity)>? lines = null, string? id = null, string? channel = null) =>
        Routed(id ?? $"evt-refund-{ReturnId}-{refundId}", RetailEventTypes.RefundIssued, $"refund/{channel ?? Channel}/{refundId}",
            new RefundData($"refund/{channel ?? Channel}/{refundId}", channel ?? Channel, refundId, Order.OrderKey, null, amount, "USD", "succeeded", "return",
                (lines ?? []).Select(l => new RefundLine(null, l.Sku, l.Quantity, 0m, true)).ToList(), At.AddDays(1)));

    public RoutedEvent StripeRefund(string type, string refundId, decimal amount, string status, string? id = null) =>
        Routed(id ?? $"evt-stripe-{refundId}-{status}", type, $"refund/stripe/{refundId}",
            new RefundData($"refund/stripe/{refundId}", "stripe", refundId, Order.OrderKey, Order.PaymentReference, amount, "USD", status, null, [], At.AddDays(2)));

    private static RoutedEvent Routed(string id, string type, string subject, object data) =>
        new(id, type, subject, subject.Split('/')[1], At, null, "corr-" + id, null, null, null, false,
            JsonSerializer.SerializeToElement(data, data.GetType(), RetailEventJson.Options));
}
