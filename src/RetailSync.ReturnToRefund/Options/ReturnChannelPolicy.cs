using RetailSync.Events;

namespace RetailSync.ReturnToRefund.Options;

/// <summary>How one channel's returns are judged and refunded (<c>ReturnToRefund:Channels:{channel}</c>, or <c>Default</c>).</summary>
public sealed record ReturnChannelPolicy
{
    /// <summary>Days after the last delivery within which a return is accepted (judged on the channel's authorization time).</summary>
    public TimeSpan ReturnWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When the refund is made.</summary>
    public RefundTrigger RefundOn { get; set; } = RefundTrigger.AfterInspection;

    /// <summary>Who makes the refund.</summary>
    public RefundIssuer RefundedBy { get; set; } = RefundIssuer.Gateway;

    /// <summary>Original payment or store credit.</summary>
    public RefundMethod Method { get; set; } = RefundMethod.OriginalPayment;

    /// <summary>Percent of the refunded goods kept as a restocking fee (lines whose inspection is fee-exempt pay none).</summary>
    public decimal RestockingFeePercent { get; set; }

    /// <summary>Fixed amount deducted once per return for the return shipping label.</summary>
    public decimal ReturnShippingFee { get; set; }

    /// <summary>SKUs that cannot be returned (final sale, hygiene, personalised).</summary>
    public IList<string> NonReturnableSkus { get; set; } = [];

    /// <summary>Inspection results that are refunded under <see cref="RefundTrigger.AfterInspection"/>.</summary>
    public IList<InspectionResult> RefundableInspections { get; set; } = [InspectionResult.AsNew, InspectionResult.Used, InspectionResult.Defective];

    /// <summary>Inspection results for which no restocking fee is kept (the retailer's fault).</summary>
    public IList<InspectionResult> FeeExemptInspections { get; set; } = [InspectionResult.Defective, InspectionResult.WrongItem];

    internal void Validate(string key)
    {
        ReturnToRefundOptions.Check(ReturnWindow > TimeSpan.Zero, key + ":ReturnWindow", "positive");
        ReturnToRefundOptions.Check(RestockingFeePercent is >= 0 and <= 100, key + ":RestockingFeePercent", "between 0 and 100");
        ReturnToRefundOptions.Check(ReturnShippingFee >= 0, key + ":ReturnShippingFee", "zero or more");
    }
}
