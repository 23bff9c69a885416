using System.Text.Json.Serialization;

namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>How a return-to-refund instance ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnToRefundOutcome>))]
public enum ReturnToRefundOutcome
{
    /// <summary>Every refundable line refunded (or credited), every credit note posted and its refund registered.</summary>
    Completed = 0,

    /// <summary>Ineligible (not delivered, over the returnable quantity, outside the window, non-returnable): nothing done in Odoo.</summary>
    Rejected = 1,

    /// <summary>An operator rejected the refund; goods received are kept as received.</summary>
    RefundRejected = 2,

    /// <summary>The channel cancelled the return before the goods came back; the open return transfer is cancelled.</summary>
    Cancelled = 3,

    /// <summary>An operator cancelled the return at a parked step.</summary>
    CancelledByOperator = 4,
}
