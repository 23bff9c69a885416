using RetailSync.OrderToCash;

namespace RetailSync.ReturnToRefund;

/// <summary>Registered names of the return-to-refund workflow, its activities and the events it waits for.</summary>
public static class ReturnToRefundNames
{
    /// <summary>The workflow; the dispatcher's default <c>Dispatch:ReturnWorkflow</c>.</summary>
    public const string Workflow = "ReturnToRefund";

    /// <summary>An operator's decision on a parked step (the same event and payload as order-to-cash).</summary>
    public const string ResolveEvent = OrderToCashNames.ResolveEvent;

    /// <summary>An operator's approval or rejection of a refund above the approval threshold (ops approve/reject).</summary>
    public const string ApprovalEvent = "retailsync.ops.approval";

    public const string LoadPolicyActivity = "ReturnToRefund.LoadPolicy";
    public const string LocateOrderActivity = "ReturnToRefund.LocateOrder";
    public const string CreateReturnActivity = "ReturnToRefund.CreateReturn";
    public const string CancelReturnActivity = "ReturnToRefund.CancelReturn";
    public const string ReceiveReturnActivity = "ReturnToRefund.ReceiveReturn";
    public const string RefundAtGatewayActivity = "ReturnToRefund.RefundAtGateway";
    public const string GetGatewayRefundActivity = "ReturnToRefund.GetGatewayRefund";
    public const string CreateCreditNoteActivity = "ReturnToRefund.CreateCreditNote";
    public const string RegisterRefundActivity = "ReturnToRefund.RegisterRefund";
    public const string StartExchangeActivity = "ReturnToRefund.StartExchange";
    public const string RecordExceptionActivity = "ReturnToRefund.RecordException";
    public const string ResolveExceptionActivity = "ReturnToRefund.ResolveException";
}
