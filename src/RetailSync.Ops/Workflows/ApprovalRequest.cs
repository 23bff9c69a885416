namespace RetailSync.Ops.Workflows;

/// <summary>
/// Body of <c>POST /api/ops/workflows/{instanceId}/approve</c> and <c>/reject</c> (optional): a note kept with the
/// decision (on a rejection, the reason the channel can show), the approval it answers (defaults to the pending one)
/// and who decided.
/// </summary>
public sealed record ApprovalRequest(string? Note = null, string? ApprovalId = null, string? DecidedBy = null);
