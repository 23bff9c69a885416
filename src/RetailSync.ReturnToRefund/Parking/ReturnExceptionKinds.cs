namespace RetailSync.ReturnToRefund.Parking;

/// <summary>Exception record kinds written by the return-to-refund workflow (shared kinds keep order-to-cash's names).</summary>
public static class ReturnExceptionKinds
{
    public const string OdooBusinessError = "odoo-business-error";
    public const string OdooUnavailable = "odoo-unavailable";
    public const string StepFailed = "step-failed";
    public const string BadEvent = "bad-event";
    public const string UnexpectedEvent = "unexpected-event";
    public const string Escalated = "escalated";

    /// <summary>The return's order is not (yet) in Odoo.</summary>
    public const string OrderNotInOdoo = "order-not-in-odoo";

    /// <summary>The order has no posted invoice to credit.</summary>
    public const string NoInvoice = "no-invoice";

    /// <summary>The gateway refused the refund (already refunded, amount too large, ...).</summary>
    public const string RefundRefused = "refund-refused";

    /// <summary>The gateway stayed unreachable through every retry.</summary>
    public const string GatewayUnavailable = "gateway-unavailable";

    /// <summary>The order's payment is at no registered gateway and the channel did not refund.</summary>
    public const string NoGateway = "no-gateway";

    /// <summary>A refund the gateway accepted failed or was canceled before the credit note.</summary>
    public const string RefundFailed = "refund-failed";

    /// <summary>A refund failed for good after its credit note was posted: the books say refunded, the money did not move.</summary>
    public const string RefundFailedAfterCreditNote = "refund-failed-after-credit-note";

    /// <summary>The credit note's total differs from the refund.</summary>
    public const string CreditNoteMismatch = "credit-note-mismatch";

    /// <summary>Units received but not refunded under the channel's inspection policy (for an operator to confirm).</summary>
    public const string RefundWithheld = "refund-withheld";

    /// <summary>Money went back twice for the same units (a channel refund after the gateway refund).</summary>
    public const string DuplicateRefund = "duplicate-refund";

    /// <summary>A channel that refunds itself did not, within the deadline.</summary>
    public const string RefundMissing = "refund-missing";

    /// <summary>The goods of an authorized return did not arrive within the deadline.</summary>
    public const string ReturnNotReceived = "return-not-received";

    /// <summary>Events arrived for a return that was never authorized.</summary>
    public const string ReturnMissing = "return-missing";

    /// <summary>A refund waited longer than the approval deadline.</summary>
    public const string ApprovalEscalated = "approval-escalated";
}
