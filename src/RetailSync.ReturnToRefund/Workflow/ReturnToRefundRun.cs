using System.Text.Json;
using Microsoft.Extensions.Logging;
using RetailSync.Events;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Options;
using RetailSync.OrderToCash.Planning;
using RetailSync.Payments;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.ReturnToRefund.Options;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.Routing;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Workflow;

/// <content>The state machine, nested so the determinism analyzer checks it as orchestrator code.</content>
public sealed partial class ReturnToRefundWorkflow
{
    /// <summary>
    /// The state machine of one <see cref="ReturnToRefundWorkflow"/> execution. Orchestrator code: everything here is
    /// deterministic (time from the context, I/O only through activities). Split over three files: this one waits for
    /// and applies events; <c>.Flow</c> performs the steps; <c>.Parking</c> parks, records, publishes.
    /// </summary>
    private sealed partial class ReturnToRefundRun : IDisposable
    {
        /// <summary>The events the workflow listens to, in the order they are taken when several are waiting.</summary>
        internal static readonly string[] EventNames =
        [
            RetailEventTypes.ReturnAuthorized,
            RetailEventTypes.ReturnUpdated,
            RetailEventTypes.ReturnReceived,
            RetailEventTypes.RefundIssued,
            RetailEventTypes.RefundUpdated,
            RetailEventTypes.ReturnClosed,
        ];

        private static readonly string[] CancelledStatuses = ["cancelled", "canceled", "rejected", "expired", "declined"];

        private readonly OrchestrationContext _ctx;
        private readonly string _businessKey;
        private readonly ILogger _logger;
        private readonly Dictionary<string, Task<RoutedEvent>> _waits = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seenEventIds = new(StringComparer.Ordinal);
        private readonly Queue<ReturnReceiptData> _pendingReceipts = new();
        private readonly HashSet<string> _knownReceipts = new(StringComparer.Ordinal);
        private readonly HashSet<string> _knownRefunds = new(StringComparer.Ordinal);
        private readonly List<RefundData> _unassignedChannelRefunds = [];
        private readonly Dictionary<string, RefundData> _gatewayRefundEvents = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _authorized = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _received = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _accounted = new(StringComparer.Ordinal);
        private readonly List<Batch> _batches = [];
        private readonly List<long> _pickingIds = [];
        private readonly List<string> _exchangeOrders = [];
        private readonly List<string> _exceptionIds = [];
        private readonly List<string> _history = [];

        private ReturnToRefundOptions _policy = new();
        private ReturnChannelPolicy _channelPolicy = new();
        private TaskOptions _stepTask = new();
        private TaskOptions _ledgerTask = new();
        private ReturnData? _return;
        private OrderContext? _order;
        private bool _checked;
        private ReturnRef? _returnPicking;
        private long? _remainingPickingId;
        private DateTime _pickingCreatedAt;
        private bool _closedByChannel;
        private bool _exchangeStarted;
        private Task? _receiptTimer;
        private CancellationTokenSource? _receiptCts;
        private bool _receiptAlerted;
        private Task? _missingTimer;
        private CancellationTokenSource? _missingCts;
        private bool _missingAlerted;
        private Task? _channelTimer;
        private CancellationTokenSource? _channelCts;
        private Task? _pollTimer;
        private CancellationTokenSource? _pollCts;
        private DateTime? _firstEventAt;
        private int _applied;
        private int _duplicates;
        private int _stale;
        private ReturnToRefundOutcome? _outcome;
        private string? _rejection;
        private string? _note;

        public ReturnToRefundRun(OrchestrationContext context, RoutedWorkflowInput input)
        {
            _ctx = context;
            _businessKey = input.BusinessKey;
            _logger = context.CreateReplaySafeLogger("RetailSync.ReturnToRefund");
        }

        private string InstanceId => _ctx.InstanceId;

        private string Currency => _return?.Currency ?? _policy.Currency;

        public void Dispose()
        {
            _receiptCts?.Dispose();
            _missingCts?.Dispose();
            _channelCts?.Dispose();
            _pollCts?.Dispose();
        }

        public async Task<ReturnToRefundResult> RunAsync()
        {
            _policy = await _ctx.CallActivityAsync<ReturnToRefundOptions>(ReturnToRefundNames.LoadPolicyActivity);
            _channelPolicy = BusinessKey.TryParseSubject(_businessKey, out var key) ? _policy.PolicyFor(key.Channel) : _policy.Default;
            var retry = _policy.Retry;
            _stepTask = TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, retry.BackoffCoefficient, retry.MaxInterval)
            {
                // Only transient failures are worth another attempt (same idempotency keys); refusals come back as problems.
                HandleFailure = failure => failure.IsCausedBy<OdooTransientException>() || failure.IsCausedBy<PaymentGatewayException>(),
            });
            _ledgerTask = TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, retry.BackoffCoefficient, retry.MaxInterval));
            foreach (var name in EventNames)
            {
                _waits[name] = _ctx.WaitForExternalEvent<RoutedEvent>(name);
            }

            while (_outcome is null)
            {
                await AdvanceAsync();
                if (_outcome is not null)
                {
                    break;
                }

                ArmTimers();
                Publish();
                await NextAsync();
            }

            await DrainAsync();
            DisarmTimers();
            Publish();
            _logger.LogInformation("Return {BusinessKey} finished: {Outcome} (refunded {Amount} {Currency})", _businessKey, _outcome, AmountRefunded, Currency);
            return Result();
        }

        // ---- waiting ----

        private async Task NextAsync()
        {
            var tasks = new List<Task>(_waits.Values);
            foreach (var timer in new[] { _receiptTimer, _missingTimer, _channelTimer, _pollTimer })
            {
                if (timer is not null)
                {
                    tasks.Add(timer);
                }
            }

            var winner = await Task.WhenAny(tasks);
            if (winner == _receiptTimer)
            {
                _receiptTimer = null;
                _receiptAlerted = true;
                await RecordAsync(ReturnExceptionKinds.ReturnNotReceived, "not-received",
                    $"Return {_returnPicking?.PickingName} of {_businessKey} was authorized but not all goods arrived within {_policy.ReceiptDeadline} ({Describe(Outstanding())} outstanding).", null, null, null);
                Log("receipt deadline passed: follow-up recorded");
                return;
            }

            if (winner == _missingTimer)
            {
                _missingTimer = null;
                _missingAlerted = true;
                await RecordAsync(ReturnExceptionKinds.ReturnMissing, "return-missing",
                    $"Events arrived for {_businessKey} but the return was not authorized within {_policy.AuthorizationDeadline}.", null, null, null);
                return;
            }

            if (winner == _channelTimer)
            {
                _channelTimer = null;
                await OnChannelRefundDeadlineAsync();
                return;
            }

            if (winner == _pollTimer)
            {
                _pollTimer = null;
                await PollPendingRefundsAsync();
                return;
            }

            var name = _waits.First(w => w.Value == winner).Key;
            _waits[name] = _ctx.WaitForExternalEvent<RoutedEvent>(name);
            RoutedEvent e;
            try
            {
                e = await (Task<RoutedEvent>)winner;
            }
            catch (JsonException ex)
            {
                Log($"unreadable {name} event ignored");
                await RecordAsync(ReturnExceptionKinds.BadEvent, "unreadable-" + name, $"A '{name}' event could not be read: {ex.Message}", null, null, null);
                return;
            }

            await OnEventAsync(e);
        }

        /// <summary>Takes the events already delivered when the return finished: duplicates are counted, the rest recorded for an operator.</summary>
        private async Task DrainAsync()
        {
            while (_waits.FirstOrDefault(w => w.Value.IsCompleted) is { Key: not null } ready)
            {
                _waits[ready.Key] = _ctx.WaitForExternalEvent<RoutedEvent>(ready.Key);
                if (!ready.Value.IsCompletedSuccessfully)
                {
                    continue;
                }

                var e = await ready.Value;
                if (!_seenEventIds.Add(e.EventId) || IsKnownContent(e))
                {
                    _duplicates++;
                    Log($"duplicate {e.Type} {e.EventId} ignored");
                }
                else if (e.IsStale)
                {
                    _stale++;
                }
                else if (e.Type is RetailEventTypes.ReturnClosed or RetailEventTypes.ReturnUpdated && _outcome is ReturnToRefundOutcome.Completed)
                {
                    Log($"{e.Type} {e.EventId} after completion recorded");
                }
                else
                {
                    Log($"{e.Type} {e.EventId} arrived as the return finished");
                    await RecordAsync(ReturnExceptionKinds.UnexpectedEvent, "late-" + e.EventId,
                        $"{e.Type} {e.EventId} arrived as {_businessKey} finished ({_outcome}); it was not applied.", RoutedEventReader.Excerpt(e), null, e.EventId);
                }
            }

            foreach (var refund in _unassignedChannelRefunds)
            {
                await RecordAsync(ReturnExceptionKinds.DuplicateRefund, "unbooked-" + refund.ChannelRefundId, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{refund.Channel} refunded {refund.Amount} {refund.Currency} ({refund.ChannelRefundId}) for {_businessKey}, which {_outcome} without it: the money may have gone back twice; no credit note was made for it."),
                    JsonSerializer.Serialize(refund, RetailEventJson.Options), null, null);
            }

            _unassignedChannelRefunds.Clear();
        }

        /// <summary>True when a new event id repeats what the return already applied (a redelivered receipt or refund).</summary>
        private bool IsKnownContent(RoutedEvent e) => e.Type switch
        {
            RetailEventTypes.ReturnReceived =>
                RoutedEventReader.TryRead<ReturnReceiptData>(e, out _) is { } receipt && _knownReceipts.Contains(receipt.ReceiptId),
            RetailEventTypes.RefundIssued =>
                RoutedEventReader.TryRead<RefundData>(e, out _) is { } refund && _knownRefunds.Contains(RefundId(refund)),
            RetailEventTypes.ReturnAuthorized => _return is not null,
            _ => false,
        };

        // ---- events ----

        private async Task OnEventAsync(RoutedEvent e)
        {
            if (!_seenEventIds.Add(e.EventId))
            {
                _duplicates++;
                Log($"duplicate {e.Type} {e.EventId} ignored");
                return;
            }

            if (e.IsStale)
            {
                _stale++;
                Log($"stale {e.Type} {e.EventId} recorded and ignored");
                return;
            }

            _applied++;
            _firstEventAt ??= _ctx.CurrentUtcDateTime;
            switch (e.Type)
            {
                case RetailEventTypes.ReturnAuthorized:
                case RetailEventTypes.ReturnUpdated:
                case RetailEventTypes.ReturnClosed:
                    if (RoutedEventReader.TryRead<ReturnData>(e, out var error) is not { } data)
                    {
                        await RecordBadEventAsync(e, error!);
                        return;
                    }

                    await OnReturnAsync(e, data);
                    break;
                case RetailEventTypes.ReturnReceived:
                    if (RoutedEventReader.TryRead<ReturnReceiptData>(e, out error) is not { } receipt)
                    {
                        await RecordBadEventAsync(e, error!);
                        return;
                    }

                    if (_knownReceipts.Add(receipt.ReceiptId))
                    {
                        _pendingReceipts.Enqueue(receipt);
                        Log($"receipt {receipt.ReceiptId} arrived ({Describe(receipt.Lines.Select(l => (l.Sku, l.Quantity)))})");
                    }
                    else
                    {
                        _duplicates++;
                        Log($"receipt {receipt.ReceiptId} already known ({e.EventId})");
                    }

                    break;
                case RetailEventTypes.RefundIssued:
                case RetailEventTypes.RefundUpdated:
                    if (RoutedEventReader.TryRead<RefundData>(e, out error) is not { } refund)
                    {
                        await RecordBadEventAsync(e, error!);
                        return;
                    }

                    await OnRefundEventAsync(e, refund);
                    break;
                default:
                    Log($"{e.Type} {e.EventId} recorded");
                    break;
            }
        }

        private async Task OnReturnAsync(RoutedEvent e, ReturnData data)
        {
            if (e.Type == RetailEventTypes.ReturnAuthorized)
            {
                if (_return is null)
                {
                    _return = data;
                    foreach (var line in data.Lines.Where(l => l.Sku is not null))
                    {
                        _authorized[line.Sku!] = _authorized.GetValueOrDefault(line.Sku!) + line.Quantity;
                    }

                    Log($"return {data.ChannelReturnId} authorized by {data.Channel} ({Describe(data.Lines.Select(l => (l.Sku ?? "?", l.Quantity)))})");
                }
                else
                {
                    _duplicates++;
                    Log($"return already authorized ({e.EventId})");
                }

                return;
            }

            var cancelled = CancelledStatuses.Contains(data.Status.ToLowerInvariant());
            if (e.Type == RetailEventTypes.ReturnClosed)
            {
                _closedByChannel = true;
                Log($"return closed by {data.Channel} ({data.Status})");
            }
            else
            {
                Log($"return updated by {data.Channel} ({data.Status})");
            }

            if (!cancelled)
            {
                return;
            }

            if (_received.Count > 0 || _batches.Any(b => b.MoneyMoved))
            {
                await RecordAsync(ReturnExceptionKinds.UnexpectedEvent, "cancelled-late-" + e.EventId,
                    $"{data.Channel} cancelled return {data.ChannelReturnId} ({data.Status}) after goods were received or money refunded; nothing was undone.", RoutedEventReader.Excerpt(e), null, e.EventId);
                return;
            }

            if (_returnPicking is { } picking)
            {
                await CallCancelReturnAsync(_remainingPickingId ?? picking.PickingId);
            }

            _outcome = ReturnToRefundOutcome.Cancelled;
            _note = $"{data.Channel} cancelled the return ({data.Status})";
            Log("return cancelled by the channel");
        }

        private async Task OnRefundEventAsync(RoutedEvent e, RefundData refund)
        {
            // The gateway's own webhooks about a refund RetailSync made (or is making) settle it; they are not channel refunds.
            if (IsGatewayRefundEvent(refund))
            {
                _gatewayRefundEvents[refund.ChannelRefundId] = refund;
                if (_batches.FirstOrDefault(b => b.GatewayRefundId == refund.ChannelRefundId) is { } batch)
                {
                    Log($"{refund.Channel} refund {refund.ChannelRefundId} is {refund.Status}");
                    await ApplyGatewayStateAsync(batch, GatewayStateOf(refund.Status), refund.Status);
                }
                else
                {
                    Log($"{refund.Channel} refund {refund.ChannelRefundId} ({refund.Status}) noted");
                }

                return;
            }

            if (!_knownRefunds.Add(RefundId(refund)))
            {
                _duplicates++;
                Log($"refund {refund.ChannelRefundId} already known ({e.EventId})");
                return;
            }

            if (refund.Status is not ("succeeded" or "success" or "partial"))
            {
                Log($"{refund.Channel} refund {refund.ChannelRefundId} is {refund.Status}: not counted");
                await RecordAsync(ReturnExceptionKinds.RefundFailed, "channel-refund-" + refund.ChannelRefundId,
                    $"{refund.Channel} reported refund {refund.ChannelRefundId} of {_businessKey} as {refund.Status}.", RoutedEventReader.Excerpt(e), null, e.EventId);
                return;
            }

            Log(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{refund.Channel} refunded {refund.Amount} {refund.Currency} ({refund.ChannelRefundId})"));
            if (_batches.FirstOrDefault(b => b.State == BatchState.AwaitingChannel) is { } waiting)
            {
                AssignChannelRefund(waiting, refund);
            }
            else if (_batches.Count > 0 && _batches.All(b => b.IsTerminal) && _batches.Any(b => b.MoneyMoved) && IsSettled())
            {
                await RecordAsync(ReturnExceptionKinds.DuplicateRefund, "duplicate-" + refund.ChannelRefundId, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{refund.Channel} refunded {refund.Amount} {refund.Currency} ({refund.ChannelRefundId}) for {_businessKey} after RetailSync had refunded every refundable unit: the customer may have been refunded twice."),
                    RoutedEventReader.Excerpt(e), null, e.EventId);
            }
            else
            {
                _unassignedChannelRefunds.Add(refund);
            }
        }

        private bool IsGatewayRefundEvent(RefundData refund) =>
            string.Equals(refund.Channel, "stripe", StringComparison.OrdinalIgnoreCase) && _channelPolicy.RefundedBy == RefundIssuer.Gateway;

        private static string RefundId(RefundData refund) => $"{refund.Channel}/{refund.ChannelRefundId}";

        private static GatewayRefundState GatewayStateOf(string status) => status switch
        {
            "succeeded" => GatewayRefundState.Succeeded,
            "failed" => GatewayRefundState.Failed,
            "canceled" or "cancelled" => GatewayRefundState.Canceled,
            "requires_action" => GatewayRefundState.RequiresAction,
            _ => GatewayRefundState.Pending,
        };

        private async Task RecordBadEventAsync(RoutedEvent e, string error)
        {
            Log($"unreadable {e.Type} {e.EventId}");
            await RecordAsync(ReturnExceptionKinds.BadEvent, "bad-" + e.EventId, error, RoutedEventReader.Excerpt(e), null, e.EventId);
        }

        // ---- timers ----

        private void ArmTimers()
        {
            var outstanding = _returnPicking is not null && Outstanding().Any();
            if (_receiptTimer is null && !_receiptAlerted && outstanding && !_closedByChannel)
            {
                _receiptCts = new CancellationTokenSource();
                _receiptTimer = _ctx.CreateTimer(_pickingCreatedAt.Add(_policy.ReceiptDeadline), _receiptCts.Token);
            }
            else if (_receiptTimer is not null && !outstanding)
            {
                Cancel(ref _receiptTimer, ref _receiptCts);
            }

            if (_missingTimer is null && !_missingAlerted && _return is null && _firstEventAt is DateTime first)
            {
                _missingCts = new CancellationTokenSource();
                _missingTimer = _ctx.CreateTimer(first.Add(_policy.AuthorizationDeadline), _missingCts.Token);
            }
            else if (_missingTimer is not null && _return is not null)
            {
                Cancel(ref _missingTimer, ref _missingCts);
            }

            var awaitingChannel = _batches.Where(b => b.State == BatchState.AwaitingChannel).Select(b => (DateTime?)b.Since).Min();
            if (_channelTimer is null && awaitingChannel is DateTime since)
            {
                _channelCts = new CancellationTokenSource();
                _channelTimer = _ctx.CreateTimer(since.Add(_policy.ChannelRefundDeadline), _channelCts.Token);
            }
            else if (_channelTimer is not null && awaitingChannel is null)
            {
                Cancel(ref _channelTimer, ref _channelCts);
            }

            var pending = _batches.Any(b => b.State is BatchState.Pending or BatchState.CreditedPending);
            if (_pollTimer is null && pending)
            {
                _pollCts = new CancellationTokenSource();
                _pollTimer = _ctx.CreateTimer(_ctx.CurrentUtcDateTime.Add(_policy.PendingRefundCheckInterval), _pollCts.Token);
            }
            else if (_pollTimer is not null && !pending)
            {
                Cancel(ref _pollTimer, ref _pollCts);
            }
        }

        private void DisarmTimers()
        {
            Cancel(ref _receiptTimer, ref _receiptCts);
            Cancel(ref _missingTimer, ref _missingCts);
            Cancel(ref _channelTimer, ref _channelCts);
            Cancel(ref _pollTimer, ref _pollCts);
        }

        private static void Cancel(ref Task? timer, ref CancellationTokenSource? cts)
        {
            // Synchronous cancel: orchestrator code runs on one thread (see OrchestrationContext.WaitForExternalEvent).
#pragma warning disable CA1849 // Call async methods when in an async method
            cts?.Cancel();
#pragma warning restore CA1849
            cts?.Dispose();
            cts = null;
            timer = null;
        }

        /// <summary>Authorized units not yet received (or declared missing by the warehouse), per SKU.</summary>
        private IEnumerable<(string Sku, int Quantity)> Outstanding() =>
            _authorized.Select(a => (a.Key, a.Value - _accounted.GetValueOrDefault(a.Key))).Where(x => x.Item2 > 0);

        private static string Describe(IEnumerable<(string Sku, int Quantity)> lines) =>
            string.Join(", ", lines.Select(l => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l.Quantity} x {l.Sku}")));
    }
}
