using System.Text.Json;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Ops.Workflows;

/// <summary>What <c>GET /api/ops/workflows/{instanceId}</c> answers: state, custom status, history summary, exceptions.</summary>
public sealed record WorkflowView(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? CustomStatus,
    JsonElement? Output,
    TaskFailureDetails? Failure,
    string? ParkedExceptionId,
    IReadOnlyList<string> History,
    IReadOnlyList<ExceptionRecord> Exceptions)
{
    /// <summary>The approval a return's refund waits for (<c>awaitingApproval.approvalId</c>), when it waits for one.</summary>
    public string? AwaitingApprovalId { get; init; }
}
