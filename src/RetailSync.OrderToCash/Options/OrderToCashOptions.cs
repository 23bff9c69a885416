using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Options;

/// <summary>
/// Policies of the order-to-cash workflow (configuration section <c>OrderToCash</c>). The workflow reads them once,
/// through an activity, when an instance starts, so a configuration change never alters a replay.
/// </summary>
public sealed record OrderToCashOptions
{
    public const string SectionName = "OrderToCash";

    /// <summary>Invoice when paid (default) or when delivered in full.</summary>
    public InvoicePolicy InvoicePolicy { get; set; } = InvoicePolicy.OnPayment;

    /// <summary>Largest accepted difference between the channel's total and Odoo's, in the order currency.</summary>
    public decimal TotalsTolerance { get; set; } = 0.05m;

    /// <summary>When set, orders in another currency park (<c>currency-mismatch</c>); ISO 4217.</summary>
    public string? Currency { get; set; }

    /// <summary>Time after confirmation at which an unpaid order raises an alert.</summary>
    public TimeSpan UnpaidDeadline { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Alert only, or alert and cancel an unshipped order.</summary>
    public UnpaidAction UnpaidAction { get; set; } = UnpaidAction.Alert;

    /// <summary>Time after a payment or shipment arrived for an order that never did, at which an alert is recorded.</summary>
    public TimeSpan OrderMissingDeadline { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Keep a backorder for what a partial shipment left (default) or drop the remainder.</summary>
    public BackorderPolicy Backorder { get; set; } = BackorderPolicy.CreateBackorder;

    /// <summary>Ship quantities Odoo did not reserve (on-hand may go negative) rather than park.</summary>
    public bool ShipUnreserved { get; set; } = true;

    /// <summary>How long an order stays parked before an <c>escalated</c> exception is recorded.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Payment channel (the payment event's channel) to the gateway name the Odoo client maps to a journal
    /// (<c>Odoo:PaymentJournals</c>); channels not listed are their own gateway name.
    /// </summary>
    public Dictionary<string, string> Gateways { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Channels whose own order status <c>paid</c> (e.g. Shopify <c>orders/paid</c>, a POS sale) counts as the
    /// payment capture, registered with the order's payment reference (or <c>{channel}/{orderId}</c>).
    /// </summary>
    /// <remarks><c>exchange</c>: replacement orders of return-to-refund exchanges, paid by the returned goods.</remarks>
    public IList<string> OrderStatusPaymentChannels { get; set; } = ["shopify", "pos", "exchange"];

    /// <summary>Partner name used for orders without a customer (POS walk-ins).</summary>
    public string WalkInCustomerName { get; set; } = "Walk-in customer";

    /// <summary>Retry of transient Odoo failures.</summary>
    public OrderToCashRetryOptions Retry { get; set; } = new();

    /// <summary>The gateway name for a payment channel.</summary>
    public string GatewayFor(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        foreach (var (key, value) in Gateways)
        {
            if (string.Equals(key, channel, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return channel;
    }

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad key.</summary>
    public void Validate()
    {
        Check(TotalsTolerance >= 0, nameof(TotalsTolerance), "zero or more");
        Check(UnpaidDeadline > TimeSpan.Zero, nameof(UnpaidDeadline), "positive");
        Check(OrderMissingDeadline > TimeSpan.Zero, nameof(OrderMissingDeadline), "positive");
        Check(EscalateAfter > TimeSpan.Zero, nameof(EscalateAfter), "positive");
        Check(Retry.MaxAttempts >= 1, "Retry:MaxAttempts", "at least 1");
        Check(Retry.FirstInterval > TimeSpan.Zero, "Retry:FirstInterval", "positive");
        Check(Retry.BackoffCoefficient >= 1.0, "Retry:BackoffCoefficient", "at least 1");
        Check(Retry.MaxInterval >= Retry.FirstInterval, "Retry:MaxInterval", "at least Retry:FirstInterval");
        Check(Currency is null || Currency.Length == 3, nameof(Currency), "an ISO 4217 code");
    }

    private static void Check(bool ok, string key, string expected)
    {
        if (!ok)
        {
            throw new ArgumentException($"{SectionName}:{key} must be {expected}.", key);
        }
    }
}
