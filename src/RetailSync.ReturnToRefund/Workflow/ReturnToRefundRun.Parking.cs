using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.OrderToCash.Parking;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Payments;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Workflow;

/// <content>Running steps, parking, approvals, exception records, status and result.</content>
public sealed partial class ReturnToRefundWorkflow
{
    private sealed partial class ReturnToRefundRun
    {
        private const int HistoryLength = 40;

        private ParkedStep? _parked;
        private PendingApproval? _approval;
        private int _parkCount;
        private Task<OperatorDecision>? _resolveWait;
        private Task<ApprovalDecision>? _approvalWait;

        /// <summary>
        /// Runs one activity (transient failures retried by policy with the same input, so the same idempotency keys); on
        /// a problem, parks and applies the operator's decision: retry runs it again (<paramref name="beforeRetry"/> may
        /// change what the input factory builds), skip returns <see cref="StepDecision.Skipped"/>, cancel cancels the return.
        /// </summary>
        private async Task<(T? Value, StepDecision Decision, StepProblem? Problem)> StepAsync<T>(
            string step,
            string activity,
            Func<object> input,
            string? payload,
            Func<StepProblem, bool>? tolerate = null,
            Action<StepProblem>? beforeRetry = null)
        {
            while (true)
            {
                StepProblem problem;
                try
                {
                    var outcome = await _ctx.CallActivityAsync<StepOutcome<T>>(activity, input(), _stepTask);
                    if (outcome.Problem is null)
                    {
                        return (outcome.Value, StepDecision.Done, null);
                    }

                    problem = outcome.Problem;
                }
                catch (TaskFailedException ex)
                {
                    var odoo = ex.FailureDetails.IsCausedBy<OdooTransientException>();
                    var gateway = ex.FailureDetails.IsCausedBy<PaymentGatewayException>();
                    problem = new StepProblem(
                        odoo ? ReturnExceptionKinds.OdooUnavailable : gateway ? ReturnExceptionKinds.GatewayUnavailable : ReturnExceptionKinds.StepFailed,
                        odoo || gateway
                            ? $"{(odoo ? "Odoo" : "The payment gateway")} stayed unavailable through every retry: {ex.FailureDetails.ErrorMessage}"
                            : $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}");
                }

                if (tolerate?.Invoke(problem) == true)
                {
                    return (default, StepDecision.Tolerated, problem);
                }

                var action = await ParkAsync(step, problem, payload, null);
                switch (action)
                {
                    case OperatorAction.Retry:
                        Log($"{step}: retry requested by the operator");
                        beforeRetry?.Invoke(problem);
                        continue;
                    case OperatorAction.SkipStep:
                        Log($"{step}: skipped by the operator");
                        return (default, StepDecision.Skipped, problem);
                    default:
                        await OperatorCancelAsync();
                        return (default, StepDecision.Cancelled, problem);
                }
            }
        }

        /// <summary>Records the exception, publishes the parked status and waits for the operator (escalating once after a while).</summary>
        private async Task<OperatorAction> ParkAsync(string step, StepProblem problem, string? payload, string? eventId)
        {
            _parkCount++;
            var id = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}|{_parkCount:D3}|{step}");
            await RecordAsync(problem.Kind, id, problem.Reason, payload, problem.OdooResponse, eventId, exactId: true);
            _parked = new ParkedStep(id, problem.Kind, step, problem.Reason, _ctx.CurrentUtcDateTime, Escalated: false);
            Log($"parked at {step}: {problem.Kind}");
            _logger.LogWarning("Return {BusinessKey} parked at {Step}: {Kind} ({ExceptionId})", _businessKey, step, problem.Kind, id);
            Publish();

            using var escalation = new CancellationTokenSource();
            Task? escalationTimer = _ctx.CreateTimer(_ctx.CurrentUtcDateTime.Add(_policy.EscalateAfter), escalation.Token);
            while (true)
            {
                _resolveWait ??= _ctx.WaitForExternalEvent<OperatorDecision>(ReturnToRefundNames.ResolveEvent);
                var winner = escalationTimer is null ? await Task.WhenAny(_resolveWait) : await Task.WhenAny(_resolveWait, escalationTimer);
                if (winner == escalationTimer)
                {
                    escalationTimer = null;
                    _parked = _parked with { Escalated = true };
                    await RecordAsync(ReturnExceptionKinds.Escalated, id + "|escalated",
                        $"Parked for {_policy.EscalateAfter} without a decision at {step}: {problem.Reason}", payload, problem.OdooResponse, eventId, exactId: true);
                    Log($"escalated after {_policy.EscalateAfter}");
                    Publish();
                    continue;
                }

                OperatorDecision? decision;
                try
                {
                    decision = await _resolveWait;
                }
                catch (JsonException)
                {
                    decision = null;
                }

                _resolveWait = null;
                if (decision is null || !string.Equals(decision.ExceptionId, id, StringComparison.Ordinal))
                {
                    Log($"operator decision for '{decision?.ExceptionId}' ignored: parked on '{id}'");
                    Publish();
                    continue;
                }

                if (escalationTimer is not null)
                {
#pragma warning disable CA1849 // Call async methods when in an async method: synchronous on the orchestrator thread.
                    escalation.Cancel();
#pragma warning restore CA1849
                }

                await ResolveRecordAsync(id, decision.Note is null ? decision.Action.ToString() : $"{decision.Action}: {decision.Note}", decision.ResolvedBy);
                _parked = null;
                Log($"operator decided {decision.Action} at {step}");
                return decision.Action;
            }
        }

        /// <summary>Publishes the pending approval and waits for the operator's approve or reject (escalating once).</summary>
        private async Task<bool> RequestApprovalAsync(Batch batch)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}|approval|{batch.No}");
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"Refund {batch.No} of {_businessKey} is {batch.Plan.Net} {batch.Currency}, above the approval threshold of {_policy.ApprovalThreshold}.");
            _approval = new PendingApproval(id, batch.No, batch.Plan.Net, batch.Currency, reason, _ctx.CurrentUtcDateTime, Escalated: false);
            Log($"refund {batch.No} waits for approval");
            _logger.LogInformation("Return {BusinessKey} refund {Batch} of {Amount} {Currency} waits for approval ({ApprovalId})", _businessKey, batch.No, batch.Plan.Net, batch.Currency, id);
            Publish();

            using var escalation = new CancellationTokenSource();
            Task? escalationTimer = _ctx.CreateTimer(_ctx.CurrentUtcDateTime.Add(_policy.ApprovalEscalateAfter), escalation.Token);
            while (true)
            {
                _approvalWait ??= _ctx.WaitForExternalEvent<ApprovalDecision>(ReturnToRefundNames.ApprovalEvent);
                var winner = escalationTimer is null ? await Task.WhenAny(_approvalWait) : await Task.WhenAny(_approvalWait, escalationTimer);
                if (winner == escalationTimer)
                {
                    escalationTimer = null;
                    _approval = _approval with { Escalated = true };
                    await RecordAsync(ReturnExceptionKinds.ApprovalEscalated, id + "|escalated",
                        $"Waiting {_policy.ApprovalEscalateAfter} for approval: {reason}", null, null, null, exactId: true);
                    Log($"approval escalated after {_policy.ApprovalEscalateAfter}");
                    Publish();
                    continue;
                }

                ApprovalDecision? decision;
                try
                {
                    decision = await _approvalWait;
                }
                catch (JsonException)
                {
                    decision = null;
                }

                _approvalWait = null;
                if (decision is null || !string.Equals(decision.ApprovalId, id, StringComparison.Ordinal))
                {
                    Log($"approval decision for '{decision?.ApprovalId}' ignored: awaiting '{id}'");
                    Publish();
                    continue;
                }

                if (escalationTimer is not null)
                {
#pragma warning disable CA1849 // Call async methods when in an async method: synchronous on the orchestrator thread.
                    escalation.Cancel();
#pragma warning restore CA1849
                }

                _approval = null;
                if (decision.Approved)
                {
                    Log($"refund {batch.No} approved{(decision.DecidedBy is null ? string.Empty : " by " + decision.DecidedBy)}");
                    return true;
                }

                _rejection = decision.Note ?? "The refund was declined.";
                Log($"refund {batch.No} rejected{(decision.DecidedBy is null ? string.Empty : " by " + decision.DecidedBy)}: {_rejection}");
                return false;
            }
        }

        private async Task ResolveRecordAsync(string id, string resolution, string? resolvedBy)
        {
            try
            {
                await _ctx.CallActivityAsync<bool>(ReturnToRefundNames.ResolveExceptionActivity, new ResolveExceptionInput(id, resolution, resolvedBy), _ledgerTask);
            }
            catch (TaskFailedException ex)
            {
                _logger.LogError("Could not mark exception {ExceptionId} resolved: {Error}", id, ex.FailureDetails.ErrorMessage);
            }
        }

        private async Task RecordAsync(string kind, string id, string reason, string? payload, string? odooResponse, string? eventId, bool exactId = false)
        {
            var exceptionId = exactId ? id : $"{InstanceId}|{id}";
            try
            {
                await _ctx.CallActivityAsync<string>(ReturnToRefundNames.RecordExceptionActivity, new ExceptionDraft
                {
                    Id = exceptionId,
                    Kind = kind,
                    Reason = reason,
                    InstanceId = InstanceId,
                    BusinessKey = _businessKey,
                    EventId = eventId,
                    Payload = payload,
                    OdooResponse = odooResponse,
                }, _ledgerTask);
                if (!_exceptionIds.Contains(exceptionId))
                {
                    _exceptionIds.Add(exceptionId);
                }
            }
            catch (TaskFailedException ex)
            {
                // The ledger stayed unavailable: the custom status still shows the problem; the return must not crash.
                _logger.LogError("Could not record exception {ExceptionId} ({Kind}): {Error}", exceptionId, kind, ex.FailureDetails.ErrorMessage);
                Log($"could not record {kind} exception");
            }
        }

        // ---- status and result ----

        private void Log(string text)
        {
            _history.Add(string.Create(CultureInfo.InvariantCulture, $"{_ctx.CurrentUtcDateTime:yyyy-MM-ddTHH:mm:ssZ} {text}"));
            if (_history.Count > HistoryLength)
            {
                _history.RemoveAt(0);
            }
        }

        private void Publish()
        {
            var waitingFor = new List<string>();
            if (_outcome is null)
            {
                if (_parked is not null)
                {
                    waitingFor.Add("operator");
                }
                else if (_approval is not null)
                {
                    waitingFor.Add("approval");
                }
                else if (_return is null)
                {
                    waitingFor.Add("authorization");
                }
                else if (_returnPicking is null)
                {
                    waitingFor.Add("order");
                }
                else
                {
                    if (Outstanding().Any() && !_closedByChannel)
                    {
                        waitingFor.Add("goods");
                    }

                    if (_batches.Any(b => b.State is BatchState.AwaitingChannel or BatchState.Pending or BatchState.CreditedPending))
                    {
                        waitingFor.Add("refund");
                    }
                }
            }

            var stage = _outcome switch
            {
                ReturnToRefundOutcome.Completed => "completed",
                ReturnToRefundOutcome.Rejected => "rejected",
                ReturnToRefundOutcome.RefundRejected => "refund-rejected",
                not null => "cancelled",
                null when _parked is not null => "parked",
                null when _approval is not null => "awaiting-approval",
                null when _return is null => "awaiting-authorization",
                null when _returnPicking is null => "checking",
                null when _batches.Any(b => b.State is BatchState.AwaitingChannel or BatchState.Pending or BatchState.CreditedPending) => "awaiting-refund",
                null when _batches.Any(b => !b.IsTerminal) => "refunding",
                _ => "awaiting-goods",
            };
            _ctx.SetCustomStatus(new ReturnToRefundStatus
            {
                Stage = stage,
                WaitingFor = waitingFor,
                OrderKey = _return?.OrderKey,
                SaleOrderId = _order?.SaleOrderId,
                SaleOrderName = _order?.SaleOrderName,
                InvoiceId = _order?.InvoiceId,
                ReturnPickingId = _returnPicking?.PickingId,
                ReturnPickingName = _returnPicking?.PickingName,
                Currency = Currency,
                Authorized = new Dictionary<string, int>(_authorized, StringComparer.Ordinal),
                Received = new Dictionary<string, int>(_received, StringComparer.Ordinal),
                Refunds = _batches.Select(b => b.ToRecord()).ToList(),
                AmountRefunded = AmountRefunded,
                AmountCredited = AmountCredited,
                RejectionReason = _rejection,
                AwaitingApproval = _approval,
                Parked = _parked,
                ExceptionIds = [.. _exceptionIds],
                History = [.. _history],
            });
        }

        private ReturnToRefundResult Result() => new()
        {
            Outcome = _outcome ?? ReturnToRefundOutcome.Completed,
            BusinessKey = _businessKey,
            OrderKey = _return?.OrderKey,
            SaleOrderId = _order?.SaleOrderId,
            ReturnPickingIds = [.. _pickingIds],
            Currency = Currency,
            Refunds = _batches.Select(b => b.ToRecord()).ToList(),
            AmountRefunded = AmountRefunded,
            AmountCredited = AmountCredited,
            ExchangeOrders = [.. _exchangeOrders],
            RejectionReason = _rejection,
            EventsApplied = _applied,
            DuplicatesIgnored = _duplicates,
            StaleIgnored = _stale,
            ExceptionIds = [.. _exceptionIds],
            Note = _note,
        };
    }
}
