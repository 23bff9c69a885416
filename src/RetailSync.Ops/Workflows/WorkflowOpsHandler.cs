using Microsoft.Extensions.Logging;
using RetailSync.Ledgers.Exceptions;
using RetailSync.OrderToCash;
using RetailSync.OrderToCash.Parking;
using RetailSync.ReturnToRefund;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.Workflows.Client;

namespace RetailSync.Ops.Workflows;

/// <summary>
/// The workflow ops operations, as a plain class the HTTP endpoints and the Functions shell both call: show one
/// instance with its exceptions, and deliver an operator's decision to a parked instance.
/// </summary>
public class WorkflowOpsHandler
{
    private readonly OrchestrationClient _client;
    private readonly ExceptionLedgerClient _exceptions;
    private readonly ILogger<WorkflowOpsHandler> _logger;

    /// <summary>For mocking.</summary>
    protected WorkflowOpsHandler()
    {
        _client = null!;
        _exceptions = null!;
        _logger = null!;
    }

    public WorkflowOpsHandler(OrchestrationClient client, ExceptionLedgerClient exceptions, ILogger<WorkflowOpsHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(exceptions);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _exceptions = exceptions;
        _logger = logger;
    }

    /// <summary>The instance's state, custom status, history summary and exception records; null when there is none.</summary>
    public virtual async Task<WorkflowView?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var instance = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var status = WorkflowStatusReader.Parse(instance.SerializedCustomStatus);
        var exceptions = new List<ExceptionRecord>();
        string? token = null;
        do
        {
            var page = await _exceptions.ListByInstanceAsync(instanceId, 100, token, cancellationToken);
            exceptions.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null && exceptions.Count < 1000);

        return new WorkflowView(
            instance.InstanceId,
            instance.Name,
            instance.RuntimeStatus,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            status,
            WorkflowStatusReader.Parse(instance.SerializedOutput),
            instance.FailureDetails,
            instance.IsCompleted ? null : WorkflowStatusReader.ParkedExceptionId(status),
            WorkflowStatusReader.History(status),
            exceptions)
        {
            AwaitingApprovalId = instance.IsCompleted ? null : WorkflowStatusReader.AwaitingApprovalId(status),
        };
    }

    /// <summary>
    /// Raises the operator's decision (<see cref="OrderToCashNames.ResolveEvent"/>) to a parked instance. Refuses an
    /// unknown action, a finished or unparked instance, and a decision for another exception than the parked one.
    /// </summary>
    public virtual async Task<ResolveResult> ResolveAsync(string instanceId, ResolveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentNullException.ThrowIfNull(request);
        if (!TryParseAction(request.Action, out var action))
        {
            return new ResolveResult(ResolveStatus.Invalid, $"Unknown action '{request.Action}': use retry, skip-step or cancel.");
        }

        if (request.Note is { Length: > 2000 })
        {
            return new ResolveResult(ResolveStatus.Invalid, "The note is longer than 2000 characters.");
        }

        var instance = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return new ResolveResult(ResolveStatus.NotFound, $"No workflow instance '{instanceId}'.");
        }

        var parkedOn = instance.IsCompleted ? null : WorkflowStatusReader.ParkedExceptionId(WorkflowStatusReader.Parse(instance.SerializedCustomStatus));
        if (parkedOn is null)
        {
            return new ResolveResult(ResolveStatus.NotParked, $"Instance '{instanceId}' is {instance.RuntimeStatus} and not parked.");
        }

        if (request.ExceptionId is not null && !string.Equals(request.ExceptionId, parkedOn, StringComparison.Ordinal))
        {
            return new ResolveResult(ResolveStatus.NotParked, $"Instance '{instanceId}' is parked on '{parkedOn}', not '{request.ExceptionId}'.", parkedOn);
        }

        await _client.RaiseEventAsync(instanceId, OrderToCashNames.ResolveEvent, new OperatorDecision(parkedOn, action, request.Note, request.ResolvedBy), cancellationToken);
        _logger.LogInformation("Operator decision {Action} raised to {InstanceId} for exception {ExceptionId}", action, instanceId, parkedOn);
        return new ResolveResult(ResolveStatus.Accepted, $"{ActionName(action)} delivered to '{instanceId}'.", parkedOn);
    }

    /// <summary>
    /// Raises an operator's approval or rejection (<see cref="ReturnToRefundNames.ApprovalEvent"/>) to a return whose
    /// refund waits for approval. Refuses a long note, an unknown or finished instance, one not awaiting approval, and a
    /// decision for another approval than the pending one.
    /// </summary>
    public virtual async Task<ResolveResult> DecideApprovalAsync(string instanceId, ApprovalRequest request, bool approve, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Note is { Length: > 2000 })
        {
            return new ResolveResult(ResolveStatus.Invalid, "The note is longer than 2000 characters.");
        }

        var instance = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return new ResolveResult(ResolveStatus.NotFound, $"No workflow instance '{instanceId}'.");
        }

        var pending = instance.IsCompleted ? null : WorkflowStatusReader.AwaitingApprovalId(WorkflowStatusReader.Parse(instance.SerializedCustomStatus));
        if (pending is null)
        {
            return new ResolveResult(ResolveStatus.NotParked, $"Instance '{instanceId}' is {instance.RuntimeStatus} and awaits no approval.");
        }

        if (request.ApprovalId is not null && !string.Equals(request.ApprovalId, pending, StringComparison.Ordinal))
        {
            return new ResolveResult(ResolveStatus.NotParked, $"Instance '{instanceId}' awaits approval '{pending}', not '{request.ApprovalId}'.", pending);
        }

        await _client.RaiseEventAsync(instanceId, ReturnToRefundNames.ApprovalEvent, new ApprovalDecision(pending, approve, request.Note, request.DecidedBy), cancellationToken);
        _logger.LogInformation("Operator {Decision} raised to {InstanceId} for approval {ApprovalId}", approve ? "approval" : "rejection", instanceId, pending);
        return new ResolveResult(ResolveStatus.Accepted, $"{(approve ? "approve" : "reject")} delivered to '{instanceId}'.", pending);
    }

    /// <summary>Parses <c>retry</c>, <c>skip-step</c> or <c>cancel</c> (case-insensitive).</summary>
    public static bool TryParseAction(string? text, out OperatorAction action)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "RETRY":
                action = OperatorAction.Retry;
                return true;
            case "SKIP-STEP":
            case "SKIP":
                action = OperatorAction.SkipStep;
                return true;
            case "CANCEL":
                action = OperatorAction.Cancel;
                return true;
            default:
                action = default;
                return false;
        }
    }

    private static string ActionName(OperatorAction action) => action switch
    {
        OperatorAction.Retry => "retry",
        OperatorAction.SkipStep => "skip-step",
        _ => "cancel",
    };
}
