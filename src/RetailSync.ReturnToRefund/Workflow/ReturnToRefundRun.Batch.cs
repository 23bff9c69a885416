using RetailSync.Events;
using RetailSync.ReturnToRefund.Planning;

namespace RetailSync.ReturnToRefund.Workflow;

/// <content>One refund batch's mutable state inside a run.</content>
public sealed partial class ReturnToRefundWorkflow
{
    private enum BatchState
    {
        /// <summary>Planned: waiting for approval or to be refunded.</summary>
        Planned,

        /// <summary>The channel refunds itself: waiting for its refund event.</summary>
        AwaitingChannel,

        /// <summary>The gateway accepted the refund but has not settled it; no credit note yet.</summary>
        Pending,

        /// <summary>Money returned (or store credit decided); the credit note is next.</summary>
        Refunded,

        /// <summary>Credit note posted while the gateway refund is still pending.</summary>
        CreditedPending,

        /// <summary>Credit note posted and the money returned; the refund payment is next.</summary>
        Credited,

        /// <summary>Refund and books done.</summary>
        Booked,

        /// <summary>An operator rejected the refund.</summary>
        Rejected,

        /// <summary>Nothing to refund (deductions), or an operator skipped it.</summary>
        Skipped,
    }

    private enum StepDecision
    {
        /// <summary>The step succeeded.</summary>
        Done,

        /// <summary>A problem the caller expects: not parked, handled by the caller.</summary>
        Tolerated,

        /// <summary>Parked, and the operator chose to skip the step.</summary>
        Skipped,

        /// <summary>Parked, and the operator cancelled the return (the outcome is set).</summary>
        Cancelled,
    }

    private sealed class Batch(int no, RefundPlan plan, string currency, DateTime since)
    {
        public int No { get; } = no;

        public RefundPlan Plan { get; } = plan;

        public string Currency { get; set; } = currency;

        public DateTime Since { get; set; } = since;

        public BatchState State { get; set; } = BatchState.Planned;

        public string? Method { get; set; }

        public bool ApprovalDecided { get; set; }

        /// <summary>Operator retries after a refused or failed refund; part of the idempotency key.</summary>
        public int Attempt { get; set; }

        public string? Gateway { get; set; }

        public string? GatewayRefundId { get; set; }

        /// <summary>Where the money moved (gateway refund id, <c>{channel}/{refund id}</c>), the refund payment's memo.</summary>
        public string? Reference { get; set; }

        public decimal Amount { get; set; }

        public RefundData? ChannelRefund { get; set; }

        public long? CreditNoteId { get; set; }

        public string? CreditNoteName { get; set; }

        public decimal? CreditNoteTotal { get; set; }

        public long? PaymentId { get; set; }

        /// <summary>Only the credit note is booked (store credit, refunded outside RetailSync): no refund payment.</summary>
        public bool BooksOnly { get; set; }

        /// <summary>An operator skipped the credit note.</summary>
        public bool BooksSkipped { get; set; }

        public bool IsTerminal => State is BatchState.Booked or BatchState.Rejected or BatchState.Skipped;

        /// <summary>True once money went back to the customer (or is on its way) through a gateway or the channel.</summary>
        public bool MoneyMoved => Method is RefundMethods.Gateway or RefundMethods.Channel or RefundMethods.Outside
            && State is not (BatchState.Planned or BatchState.AwaitingChannel or BatchState.Rejected or BatchState.Skipped);

        public string StateName => State switch
        {
            BatchState.Planned => "planned",
            BatchState.AwaitingChannel => "awaiting-channel",
            BatchState.Pending => "pending",
            BatchState.Refunded => "refunded",
            BatchState.CreditedPending => "credited-pending",
            BatchState.Credited => "credited",
            BatchState.Booked => "booked",
            BatchState.Rejected => "rejected",
            _ => "skipped",
        };

        public RefundRecord ToRecord() => new(No, Method ?? "none", Reference, Amount, Currency, StateName)
        {
            Lines = Plan.Lines,
            Gross = Plan.Gross,
            Deductions = Plan.Deductions,
            CreditNoteId = CreditNoteId,
            CreditNoteName = CreditNoteName,
            CreditNoteTotal = CreditNoteTotal,
            PaymentId = PaymentId,
        };
    }
}
