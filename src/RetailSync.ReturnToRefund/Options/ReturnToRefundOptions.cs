using RetailSync.OrderToCash.Options;

namespace RetailSync.ReturnToRefund.Options;

/// <summary>
/// Policies of the return-to-refund workflow (configuration section <c>ReturnToRefund</c>). Read once per instance
/// through an activity, so a configuration change never alters a replay; new instances see new values.
/// </summary>
public sealed record ReturnToRefundOptions
{
    public const string SectionName = "ReturnToRefund";

    /// <summary>The policy of channels not listed in <see cref="Channels"/>.</summary>
    public ReturnChannelPolicy Default { get; set; } = new();

    /// <summary>
    /// Per-channel policies keyed by the return's channel (<c>loop</c>, <c>shopify</c>, <c>pos</c>). Shopify and the POS
    /// refund themselves by default (Shopify admin, the till); Loop returns are refunded at the gateway.
    /// </summary>
    public Dictionary<string, ReturnChannelPolicy> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["shopify"] = new() { RefundedBy = RefundIssuer.Channel },
        ["pos"] = new() { RefundedBy = RefundIssuer.Channel, RefundOn = RefundTrigger.OnReceipt },
    };

    /// <summary>Refunds above this amount (in the refund's currency) wait for an operator's approval.</summary>
    public decimal ApprovalThreshold { get; set; } = 500m;

    /// <summary>How long a refund waits for approval before an <c>escalated</c> exception is recorded.</summary>
    public TimeSpan ApprovalEscalateAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a parked return waits for an operator before an <c>escalated</c> exception is recorded.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>An authorized return not received within this time gets a <c>return-not-received</c> follow-up.</summary>
    public TimeSpan ReceiptDeadline { get; set; } = TimeSpan.FromDays(21);

    /// <summary>Events of a return that was never authorized raise <c>return-missing</c> after this time.</summary>
    public TimeSpan AuthorizationDeadline { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an order not yet in Odoo (or not yet delivered) is waited for before the return is rejected.</summary>
    public TimeSpan OrderWait { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often Odoo is asked again while <see cref="OrderWait"/> runs.</summary>
    public TimeSpan OrderRecheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a channel that refunds itself is waited for before a <c>refund-missing</c> exception.</summary>
    public TimeSpan ChannelRefundDeadline { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often a pending gateway refund is asked after, in case its settling webhook is lost.</summary>
    public TimeSpan PendingRefundCheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Largest accepted difference between a refund and its credit note, in the refund's currency.</summary>
    public decimal TotalsTolerance { get; set; } = 0.01m;

    /// <summary>The currency of store credit and channel refunds that name none (ISO 4217).</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Gateway name (journal through <c>Odoo:PaymentJournals</c>) that carries exchanges: the returned goods pay for the replacement.</summary>
    public string ExchangeGateway { get; set; } = "exchange";

    /// <summary>Retry of transient Odoo and gateway failures.</summary>
    public OrderToCashRetryOptions Retry { get; set; } = new();

    /// <summary>The policy of a channel.</summary>
    public ReturnChannelPolicy PolicyFor(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        return Channels.TryGetValue(channel, out var policy) ? policy : Default;
    }

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad key.</summary>
    public void Validate()
    {
        Default.Validate(nameof(Default));
        foreach (var (channel, policy) in Channels)
        {
            policy.Validate($"Channels:{channel}");
        }

        Check(ApprovalThreshold >= 0, nameof(ApprovalThreshold), "zero or more");
        Check(ApprovalEscalateAfter > TimeSpan.Zero, nameof(ApprovalEscalateAfter), "positive");
        Check(EscalateAfter > TimeSpan.Zero, nameof(EscalateAfter), "positive");
        Check(ReceiptDeadline > TimeSpan.Zero, nameof(ReceiptDeadline), "positive");
        Check(AuthorizationDeadline > TimeSpan.Zero, nameof(AuthorizationDeadline), "positive");
        Check(OrderWait >= TimeSpan.Zero, nameof(OrderWait), "zero or more");
        Check(OrderRecheckInterval > TimeSpan.Zero, nameof(OrderRecheckInterval), "positive");
        Check(ChannelRefundDeadline > TimeSpan.Zero, nameof(ChannelRefundDeadline), "positive");
        Check(PendingRefundCheckInterval > TimeSpan.Zero, nameof(PendingRefundCheckInterval), "positive");
        Check(TotalsTolerance >= 0, nameof(TotalsTolerance), "zero or more");
        Check(Currency is { Length: 3 }, nameof(Currency), "an ISO 4217 code");
        Check(!string.IsNullOrWhiteSpace(ExchangeGateway), nameof(ExchangeGateway), "a gateway name");
        Check(Retry.MaxAttempts >= 1, "Retry:MaxAttempts", "at least 1");
        Check(Retry.FirstInterval > TimeSpan.Zero, "Retry:FirstInterval", "positive");
        Check(Retry.BackoffCoefficient >= 1.0, "Retry:BackoffCoefficient", "at least 1");
        Check(Retry.MaxInterval >= Retry.FirstInterval, "Retry:MaxInterval", "at least Retry:FirstInterval");
    }

    internal static void Check(bool ok, string key, string expected)
    {
        if (!ok)
        {
            throw new ArgumentException($"{SectionName}:{key} must be {expected}.", key);
        }
    }
}
