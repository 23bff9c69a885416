namespace RetailSync.ReturnToRefund.Parking;

/// <summary>
/// The payload of the <see cref="ReturnToRefundNames.ApprovalEvent"/> external event: an operator approves or rejects
/// a refund that waits for approval. A decision naming another approval than the pending one is recorded and ignored.
/// </summary>
/// <param name="ApprovalId">The pending approval (<c>awaitingApproval.approvalId</c> in the custom status).</param>
/// <param name="Approved">True to refund, false to reject the refund.</param>
/// <param name="Note">Free text kept with the decision (shown to the channel on a rejection).</param>
/// <param name="DecidedBy">Who decided, when known.</param>
public sealed record ApprovalDecision(string ApprovalId, bool Approved, string? Note = null, string? DecidedBy = null);
