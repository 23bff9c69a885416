namespace RetailSync.ReturnToRefund.Workflow;

/// <summary>A refund waiting for an operator's approval: which, how much, why, since when.</summary>
/// <param name="ApprovalId">Deterministic id (<c>{instanceId}|approval|{batch}</c>) an approve/reject names.</param>
/// <param name="Batch">The refund batch (1 for the first refund of the return).</param>
/// <param name="Amount">The refund amount, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Reason">Why approval is needed.</param>
/// <param name="Since">When the refund started waiting.</param>
/// <param name="Escalated">True once the escalation timer fired.</param>
public sealed record PendingApproval(string ApprovalId, int Batch, decimal Amount, string Currency, string Reason, DateTime Since, bool Escalated);
