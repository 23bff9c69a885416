using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RetailSync.Events;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.OrderToCash.Options;
using RetailSync.OrderToCash.Parking;
using RetailSync.OrderToCash.Planning;
using RetailSync.Routing;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Workflow;

/// <content>The state machine, nested so the determinism analyzer checks it as orchestrator code.</content>
public sealed partial class OrderToCashWorkflow
{
    /// <summary>
    /// The state machine of one <see cref="OrderToCashWorkflow"/> execution. Orchestrator code: everything here is
    /// deterministic (time from the context, I/O only through activities).
    /// </summary>
    private sealed class OrderToCashRun : IDisposable
    {
        /// <summary>The events the workflow listens to, in the order they are taken when several are waiting.</summary>
        internal static readonly string[] EventNames =
        [
            RetailEventTypes.OrderPlaced,
            RetailEventTypes.OrderUpdated,
            RetailEventTypes.PaymentCaptured,
            RetailEventTypes.ShipmentDispatched,
            RetailEventTypes.OrderCancelled,
            RetailEventTypes.PaymentFailed,
            RetailEventTypes.PaymentDisputed,
            RetailEventTypes.ShipmentUpdated,
            RetailEventTypes.ShipmentDelivered,
            RetailEventTypes.RefundIssued,
            RetailEventTypes.RefundUpdated,
        ];

        private const int HistoryLength = 30;
        private const string NothingToInvoice = "No items are available to invoice";

        private readonly OrchestrationContext _ctx;
        private readonly string _businessKey;
        private readonly ILogger _logger;
        private readonly Dictionary<string, Task<RoutedEvent>> _waits = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seenEventIds = new(StringComparer.Ordinal);
        private readonly Queue<ShipmentData> _pendingShipments = new();
        private readonly HashSet<string> _knownShipments = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usedTracking = new(StringComparer.Ordinal);
        private readonly Queue<PaymentData> _pendingPayments = new();
        private readonly HashSet<string> _knownPayments = new(StringComparer.Ordinal);
        private readonly List<long> _pickingIds = [];
        private readonly List<long> _paymentIds = [];
        private readonly List<string> _exceptionIds = [];
        private readonly List<string> _history = [];

        private OrderToCashOptions _policy = new();
        private TaskOptions _odooTask = new();
        private TaskOptions _ledgerTask = new();
        private OrderData? _order;
        private long? _saleOrderId;
        private string? _saleOrderName;
        private decimal? _odooTotal;
        private bool _confirmed;
        private DateTime _confirmedAt;
        private bool _delivered;
        private long? _invoiceId;
        private string? _invoiceName;
        private decimal _invoiceTotal;
        private bool _invoicePosted;
        private bool _invoiceSkipped;
        private bool _invoiceDeferred;
        private decimal _amountCaptured;
        private decimal _amountPaid;
        private OrderData? _cancellation;
        private bool _cancelHandled;
        private bool _cancelledInOdoo;
        private ParkedStep? _parked;
        private int _parkCount;
        private Task<OperatorDecision>? _resolveWait;
        private Task? _unpaidTimer;
        private CancellationTokenSource? _unpaidCts;
        private bool _unpaidAlerted;
        private Task? _missingTimer;
        private CancellationTokenSource? _missingCts;
        private bool _missingAlerted;
        private DateTime? _firstEventAt;
        private int _applied;
        private int _duplicates;
        private int _stale;
        private OrderToCashOutcome? _outcome;
        private string? _note;

        public OrderToCashRun(OrchestrationContext context, RoutedWorkflowInput input)
        {
            _ctx = context;
            _businessKey = input.BusinessKey;
            _logger = context.CreateReplaySafeLogger("RetailSync.OrderToCash");
        }

        private string InstanceId => _ctx.InstanceId;

        public void Dispose()
        {
            _unpaidCts?.Dispose();
            _missingCts?.Dispose();
        }

        public async Task<OrderToCashResult> RunAsync()
        {
            _policy = await _ctx.CallActivityAsync<OrderToCashOptions>(OrderToCashNames.LoadPolicyActivity);
            var retry = _policy.Retry;
            _odooTask = TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, retry.BackoffCoefficient, retry.MaxInterval)
            {
                // Only transient Odoo failures are worth another attempt; business refusals come back as problems.
                HandleFailure = failure => failure.IsCausedBy<OdooTransientException>(),
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
            _logger.LogInformation("Order {BusinessKey} finished: {Outcome} (sale order {SaleOrder})", _businessKey, _outcome, _saleOrderName);
            return Result();
        }

        // ---- waiting ----

        private async Task NextAsync()
        {
            var tasks = new List<Task>(_waits.Values);
            if (_unpaidTimer is not null)
            {
                tasks.Add(_unpaidTimer);
            }

            if (_missingTimer is not null)
            {
                tasks.Add(_missingTimer);
            }

            var winner = await Task.WhenAny(tasks);
            if (winner == _unpaidTimer)
            {
                _unpaidTimer = null;
                await OnUnpaidDeadlineAsync();
                return;
            }

            if (winner == _missingTimer)
            {
                _missingTimer = null;
                _missingAlerted = true;
                await RecordAsync(ExceptionKinds.OrderMissing, "order-missing",
                    $"Events arrived for {_businessKey} but its order did not within {_policy.OrderMissingDeadline}.", null, null, null);
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
                await RecordAsync(ExceptionKinds.BadEvent, "unreadable-" + name, $"A '{name}' event could not be read: {ex.Message}", null, null, null);
                return;
            }

            await OnEventAsync(e);
        }

        /// <summary>
        /// Takes the events already delivered when the order finished: duplicates and stale copies are counted; anything
        /// else is recorded as a late event for an operator, so nothing is dropped silently.
        /// </summary>
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
                else
                {
                    Log($"{e.Type} {e.EventId} arrived as the order finished");
                    await RecordAsync(ExceptionKinds.UnexpectedEvent, "late-" + e.EventId,
                        $"{e.Type} {e.EventId} arrived as {_businessKey} finished ({_outcome}); it was not applied.", RoutedEventReader.Excerpt(e), null, e.EventId);
                }
            }
        }

        /// <summary>True when a new event id repeats what the order already applied (a redelivered shipment, payment or order).</summary>
        private bool IsKnownContent(RoutedEvent e) => e.Type switch
        {
            RetailEventTypes.ShipmentDispatched or RetailEventTypes.ShipmentUpdated or RetailEventTypes.ShipmentDelivered =>
                RoutedEventReader.TryRead<ShipmentData>(e, out _) is { } shipment && _knownShipments.Contains(shipment.ChannelShipmentId),
            RetailEventTypes.PaymentCaptured =>
                RoutedEventReader.TryRead<PaymentData>(e, out _) is { } payment && _knownPayments.Contains(payment.PaymentReference),
            RetailEventTypes.OrderPlaced or RetailEventTypes.OrderUpdated =>
                RoutedEventReader.TryRead<OrderData>(e, out _) is { CancelledAt: null } && _order is not null,
            _ => false,
        };

        private void ArmTimers()
        {
            if (_unpaidTimer is null && !_unpaidAlerted && _confirmed && _amountCaptured == 0 && !IsPaid)
            {
                _unpaidCts = new CancellationTokenSource();
                _unpaidTimer = _ctx.CreateTimer(_confirmedAt.Add(_policy.UnpaidDeadline), _unpaidCts.Token);
            }
            else if (_unpaidTimer is not null && (_amountCaptured > 0 || IsPaid))
            {
                Cancel(ref _unpaidTimer, ref _unpaidCts);
            }

            if (_missingTimer is null && !_missingAlerted && _order is null && _firstEventAt is DateTime first)
            {
                _missingCts = new CancellationTokenSource();
                _missingTimer = _ctx.CreateTimer(first.Add(_policy.OrderMissingDeadline), _missingCts.Token);
            }
            else if (_missingTimer is not null && _order is not null)
            {
                Cancel(ref _missingTimer, ref _missingCts);
            }
        }

        private void DisarmTimers()
        {
            Cancel(ref _unpaidTimer, ref _unpaidCts);
            Cancel(ref _missingTimer, ref _missingCts);
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
                case RetailEventTypes.OrderPlaced:
                case RetailEventTypes.OrderUpdated:
                case RetailEventTypes.OrderCancelled:
                    if (RoutedEventReader.TryRead<OrderData>(e, out var readError) is not { } order)
                    {
                        await ParkBadEventAsync(e, readError!);
                        return;
                    }

                    OnOrder(e, order);
                    break;
                case RetailEventTypes.PaymentCaptured:
                    if (RoutedEventReader.TryRead<PaymentData>(e, out readError) is not { } payment)
                    {
                        await ParkBadEventAsync(e, readError!);
                        return;
                    }

                    OnPayment(e, payment);
                    break;
                case RetailEventTypes.ShipmentDispatched:
                    if (RoutedEventReader.TryRead<ShipmentData>(e, out readError) is not { } shipment)
                    {
                        await ParkBadEventAsync(e, readError!);
                        return;
                    }

                    if (_knownShipments.Add(shipment.ChannelShipmentId))
                    {
                        _pendingShipments.Enqueue(shipment);
                        Log($"shipment {shipment.ChannelShipmentId} received");
                    }
                    else
                    {
                        _duplicates++;
                        Log($"shipment {shipment.ChannelShipmentId} already known ({e.EventId})");
                    }

                    break;
                case RetailEventTypes.PaymentDisputed:
                    Log($"payment disputed ({e.EventId}); handed to the refund path");
                    await RecordAsync("payment-disputed", "dispute-" + e.EventId, $"A payment of {_businessKey} is disputed.", RoutedEventReader.Excerpt(e), null, e.EventId);
                    break;
                default:
                    // Payment failures, shipment updates and deliveries, refunds: recorded in the history, no Odoo step here.
                    Log($"{e.Type} {e.EventId} recorded");
                    break;
            }
        }

        private void OnOrder(RoutedEvent e, OrderData order)
        {
            if (_order is null)
            {
                _order = order;
                Log($"order {order.ChannelOrderId} received ({e.Type})");
            }
            else if (_saleOrderId is null && order.UpdatedAt > _order.UpdatedAt)
            {
                _order = order;
                Log($"order snapshot updated before placing ({e.Type})");
            }
            else
            {
                Log($"{e.Type} {e.EventId} after placing: no change applied to the sale order");
            }

            if (e.Type == RetailEventTypes.OrderCancelled || order.CancelledAt is not null)
            {
                _cancellation ??= order;
                Log("cancellation received");
                return;
            }

            if (string.Equals(order.FinancialStatus, "paid", StringComparison.OrdinalIgnoreCase)
                && _policy.OrderStatusPaymentChannels.Contains(order.Channel, StringComparer.OrdinalIgnoreCase))
            {
                var reference = order.PaymentReference ?? $"{order.Channel}/{order.ChannelOrderId}";
                OnPayment(e, new PaymentData(reference, order.Channel, order.Total, order.Currency, "succeeded", order.OrderKey, null, null, null, order.UpdatedAt));
            }
        }

        private void OnPayment(RoutedEvent e, PaymentData payment)
        {
            if (!_knownPayments.Add(payment.PaymentReference))
            {
                _duplicates++;
                Log($"payment {payment.PaymentReference} already known ({e.EventId})");
                return;
            }

            _pendingPayments.Enqueue(payment);
            _amountCaptured += payment.Amount;
            Log(string.Create(CultureInfo.InvariantCulture, $"payment {payment.PaymentReference} of {payment.Amount} {payment.Currency} captured"));
        }

        private async Task ParkBadEventAsync(RoutedEvent e, string error)
        {
            var action = await ParkAsync("read-event", new StepProblem(ExceptionKinds.BadEvent, error), RoutedEventReader.Excerpt(e), e.EventId);
            if (action == OperatorAction.Cancel)
            {
                await OperatorCancelAsync();
            }
            else
            {
                Log($"unreadable {e.Type} {e.EventId} ignored by the operator");
            }
        }

        // ---- steps ----

        private async Task AdvanceAsync()
        {
            if (_cancellation is not null && !_cancelHandled)
            {
                await HandleCancellationAsync();
                if (_outcome is not null)
                {
                    return;
                }
            }

            if (_order is null)
            {
                return;
            }

            if (!_confirmed && !await PlaceAsync())
            {
                return;
            }

            while (_pendingShipments.Count > 0 && _outcome is null)
            {
                await ShipAsync(_pendingShipments.Dequeue());
            }

            if (_outcome is null && _invoiceId is null && !_invoiceSkipped && InvoiceDue)
            {
                await InvoiceAsync();
            }

            if (_outcome is null && _invoiceId is not null && !_invoicePosted)
            {
                await PostInvoiceAsync();
            }

            while (_outcome is null && (_invoicePosted || _invoiceSkipped) && _pendingPayments.Count > 0)
            {
                await PayAsync(_pendingPayments.Dequeue());
            }

            if (_outcome is null && _delivered && (_invoicePosted || _invoiceSkipped) && IsPaid && _pendingPayments.Count == 0)
            {
                await CompleteAsync();
            }
        }

        private bool InvoiceDue => _policy.InvoicePolicy == InvoicePolicy.OnDelivery || _invoiceDeferred
            ? _delivered
            : _amountCaptured > 0 || _delivered;

        private bool IsPaid => _invoicePosted
            ? _amountPaid >= _invoiceTotal - _policy.TotalsTolerance
            : _order is not null && _amountCaptured >= _order.Total - _policy.TotalsTolerance;

        private async Task<bool> PlaceAsync()
        {
            var order = _order!;
            if (_saleOrderId is null)
            {
                if (_policy.Currency is { } currency && !string.Equals(currency, order.Currency, StringComparison.OrdinalIgnoreCase))
                {
                    var decision = await ParkAsync("check-currency", new StepProblem(ExceptionKinds.CurrencyMismatch,
                        $"The order is in {order.Currency}; Odoo books in {currency}."), OrderExcerpt(order), null);
                    if (!await ContinueAfterAsync(decision, OrderToCashOutcome.NotPlaced))
                    {
                        return false;
                    }
                }

                OrderPlan? plan;
                while ((plan = OrderPlanner.TryPlan(_order!, _policy.WalkInCustomerName, out var planError)) is null)
                {
                    var decision = await ParkAsync("plan-order", new StepProblem(ExceptionKinds.BadEvent, planError!), OrderExcerpt(_order!), null);
                    if (decision != OperatorAction.Retry)
                    {
                        await ContinueAfterAsync(decision, OrderToCashOutcome.NotPlaced);
                        return false;
                    }
                }

                var (_, resolved) = await StepAsync<int>("resolve-skus", OrderToCashNames.ResolveProductsActivity, plan.Skus, OrderExcerpt(order));
                if (!await ContinueAfterAsync(resolved, OrderToCashOutcome.NotPlaced))
                {
                    return false;
                }

                var (_, ensured) = await StepAsync<CustomerRef>("ensure-customer", OrderToCashNames.EnsureCustomerActivity,
                    new EnsureCustomerInput(_businessKey, plan.Order.Customer), OrderExcerpt(order));
                if (!await ContinueAfterAsync(ensured, OrderToCashOutcome.NotPlaced))
                {
                    return false;
                }

                var (saleOrder, created) = await StepAsync<SaleOrderRef>("create-sale-order", OrderToCashNames.CreateSaleOrderActivity,
                    new CreateSaleOrderInput(_businessKey, plan.Order), OrderExcerpt(order));
                if (saleOrder is null)
                {
                    if (created != StepDecision.Cancelled)
                    {
                        await ContinueAfterAsync(OperatorAction.SkipStep, OrderToCashOutcome.NotPlaced);
                    }

                    return false;
                }

                _saleOrderId = saleOrder.OrderId;
                Log(string.Create(CultureInfo.InvariantCulture, $"sale order {saleOrder.OrderId} {(saleOrder.Created ? "created" : "found")}"));
                if (!await CheckTotalsAsync(order))
                {
                    return false;
                }
            }

            var (_, confirmed) = await StepAsync<bool>("confirm-sale-order", OrderToCashNames.ConfirmSaleOrderActivity, new OrderStepInput(_businessKey, _saleOrderId.Value), null);
            if (_outcome is not null)
            {
                return false;
            }

            _confirmed = true;
            _confirmedAt = _ctx.CurrentUtcDateTime;
            Log(confirmed == StepDecision.Skipped ? "confirmation skipped by the operator" : $"sale order {_saleOrderName} confirmed");
            return true;
        }

        private async Task<bool> CheckTotalsAsync(OrderData order)
        {
            while (true)
            {
                var (status, decision) = await StepAsync<SaleOrderStatus>("read-sale-order", OrderToCashNames.ReadSaleOrderActivity, new OrderStepInput(_businessKey, _saleOrderId!.Value), null);
                if (_outcome is not null)
                {
                    return false;
                }

                if (status is null)
                {
                    return true;
                }

                _saleOrderName = status.Name;
                _odooTotal = status.AmountTotal;
                var difference = Math.Abs(status.AmountTotal - order.Total);
                if (difference <= _policy.TotalsTolerance)
                {
                    return true;
                }

                var reason = string.Create(CultureInfo.InvariantCulture,
                    $"The channel's total {order.Total} {order.Currency} (tax {order.TaxTotal}, shipping {order.ShippingTotal}, discounts {order.DiscountTotal}, taxes included: {order.TaxesIncluded}) differs from Odoo's {status.AmountTotal} (untaxed {status.AmountUntaxed}, tax {status.AmountTax}) by {difference}, more than the tolerance {_policy.TotalsTolerance}.");
                var action = await ParkAsync("check-totals", new StepProblem(ExceptionKinds.TotalsMismatch, reason,
                    string.Create(CultureInfo.InvariantCulture, $"sale.order {status.Name}: amount_untaxed={status.AmountUntaxed} amount_tax={status.AmountTax} amount_total={status.AmountTotal}")),
                    OrderExcerpt(order), null);
                switch (action)
                {
                    case OperatorAction.Retry:
                        continue;
                    case OperatorAction.SkipStep:
                        Log("totals difference accepted by the operator");
                        return true;
                    default:
                        await OperatorCancelAsync();
                        return false;
                }
            }
        }

        private async Task ShipAsync(ShipmentData shipment)
        {
            if (_delivered)
            {
                var action = await ParkAsync("validate-delivery", new StepProblem(ExceptionKinds.UnexpectedEvent,
                    $"Shipment '{shipment.ChannelShipmentId}' arrived after the order was delivered in full."), JsonSerializer.Serialize(shipment, RetailEventJson.Options), null);
                if (action != OperatorAction.Retry)
                {
                    await ContinueAfterAsync(action, OrderToCashOutcome.CancelledByOperator);
                    Log($"shipment {shipment.ChannelShipmentId} ignored");
                    return;
                }
            }

            var lines = ShipmentPlanner.TryPlan(shipment, _order, out var error);
            if (lines is null)
            {
                var action = await ParkAsync("validate-delivery", new StepProblem(ExceptionKinds.BadEvent, error!), JsonSerializer.Serialize(shipment, RetailEventJson.Options), null);
                await ContinueAfterAsync(action == OperatorAction.Retry ? OperatorAction.SkipStep : action, OrderToCashOutcome.CancelledByOperator);
                Log($"shipment {shipment.ChannelShipmentId} ignored");
                return;
            }

            var tracking = ShipmentPlanner.TrackingReference(shipment);
            if (!_usedTracking.Add(tracking))
            {
                tracking = $"{tracking} ({shipment.ChannelShipmentId})";
                _usedTracking.Add(tracking);
            }

            var request = new DeliveryRequest(_saleOrderId!.Value, tracking, lines) { Backorder = _policy.Backorder, ShipUnreserved = _policy.ShipUnreserved };
            var (delivery, decision) = await StepAsync<DeliveryResult>("validate-delivery", OrderToCashNames.ValidateDeliveryActivity,
                new ValidateDeliveryInput(_businessKey, shipment.ShipmentKey, request), JsonSerializer.Serialize(shipment, RetailEventJson.Options));
            if (delivery is null)
            {
                if (decision == StepDecision.Skipped)
                {
                    Log($"shipment {shipment.ChannelShipmentId} skipped by the operator");
                }

                return;
            }

            if (!_pickingIds.Contains(delivery.PickingId))
            {
                _pickingIds.Add(delivery.PickingId);
            }

            _delivered = delivery.BackorderId is null;
            Log($"delivery {delivery.PickingName} validated ({tracking}){(_delivered ? ", order delivered in full" : ", backorder left")}");
        }

        private async Task InvoiceAsync()
        {
            var (invoice, decision) = await StepAsync<InvoiceRef>("create-invoice", OrderToCashNames.CreateInvoiceActivity,
                new OrderStepInput(_businessKey, _saleOrderId!.Value), null,
                problem => !_delivered && problem.OdooResponse?.Contains(NothingToInvoice, StringComparison.Ordinal) == true);
            switch (decision)
            {
                case StepDecision.Tolerated:
                    _invoiceDeferred = true;
                    Log("nothing to invoice before delivery: invoicing deferred to delivery");
                    return;
                case StepDecision.Skipped:
                    _invoiceSkipped = true;
                    Log("invoice skipped by the operator: payments are not registered in Odoo");
                    return;
                case StepDecision.Done when invoice is not null:
                    _invoiceId = invoice.InvoiceId;
                    _invoiceName = invoice.Name;
                    _invoiceTotal = invoice.AmountTotal;
                    _invoicePosted = invoice.State == "posted";
                    Log(string.Create(CultureInfo.InvariantCulture, $"invoice {invoice.InvoiceId} {(invoice.Created ? "created" : "found")} for {invoice.AmountTotal}"));
                    return;
                default:
                    return;
            }
        }

        private async Task PostInvoiceAsync()
        {
            var (invoice, decision) = await StepAsync<InvoiceRef>("post-invoice", OrderToCashNames.PostInvoiceActivity, new OrderStepInput(_businessKey, _invoiceId!.Value), null);
            if (invoice is not null)
            {
                _invoicePosted = true;
                _invoiceName = invoice.Name;
                _invoiceTotal = invoice.AmountTotal;
                Log($"invoice {invoice.Name} posted");
            }
            else if (decision == StepDecision.Skipped)
            {
                _invoicePosted = true;
                Log("posting skipped by the operator");
            }
        }

        private async Task PayAsync(PaymentData payment)
        {
            var excerpt = JsonSerializer.Serialize(payment, RetailEventJson.Options);
            if (_order is not null && !string.Equals(payment.Currency, _order.Currency, StringComparison.OrdinalIgnoreCase))
            {
                var action = await ParkAsync("register-payment", new StepProblem(ExceptionKinds.CurrencyMismatch,
                    $"Payment {payment.PaymentReference} is in {payment.Currency}, the order in {_order.Currency}."), excerpt, null);
                if (action != OperatorAction.Retry)
                {
                    await ContinueAfterAsync(action, OrderToCashOutcome.CancelledByOperator);
                    Log($"payment {payment.PaymentReference} not registered");
                    return;
                }
            }

            if (_invoiceSkipped)
            {
                Log($"payment {payment.PaymentReference} not registered: no invoice in Odoo");
                return;
            }

            if (_amountPaid > 0 && _invoiceTotal - _amountPaid <= _policy.TotalsTolerance)
            {
                var action = await ParkAsync("register-payment", new StepProblem(ExceptionKinds.DuplicatePayment, string.Create(CultureInfo.InvariantCulture,
                    $"Payment {payment.PaymentReference} of {payment.Amount} arrived for invoice {_invoiceName}, which is already paid ({_amountPaid}).")), excerpt, null);
                if (action != OperatorAction.Retry)
                {
                    await ContinueAfterAsync(action, OrderToCashOutcome.CancelledByOperator);
                    Log($"payment {payment.PaymentReference} not registered");
                    return;
                }
            }

            var gateway = _policy.GatewayFor(payment.Channel);
            var request = new PaymentRequest(_invoiceId!.Value, gateway, GatewayReference(payment), payment.Amount, DateOnly.FromDateTime(payment.OccurredAt.UtcDateTime));
            var (registered, decision) = await StepAsync<PaymentRef>("register-payment", OrderToCashNames.RegisterPaymentActivity,
                new RegisterPaymentInput(_businessKey, payment.PaymentReference, request), excerpt);
            if (registered is not null)
            {
                _amountPaid += registered.Amount;
                if (!_paymentIds.Contains(registered.PaymentId))
                {
                    _paymentIds.Add(registered.PaymentId);
                }

                Log(string.Create(CultureInfo.InvariantCulture, $"payment {registered.Name ?? registered.Memo} of {registered.Amount} registered on {gateway}"));
            }
            else if (decision == StepDecision.Skipped)
            {
                Log($"payment {payment.PaymentReference} skipped by the operator");
            }
        }

        private static string GatewayReference(PaymentData payment)
        {
            var reference = payment.PaymentReference;
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 && slash < reference.Length - 1 ? reference[(slash + 1)..] : reference;
        }

        private async Task CompleteAsync()
        {
            var (status, _) = await StepAsync<SaleOrderStatus>("read-sale-order", OrderToCashNames.ReadSaleOrderActivity, new OrderStepInput(_businessKey, _saleOrderId!.Value), null);
            if (_outcome is not null)
            {
                return;
            }

            if (status is not null)
            {
                _saleOrderName = status.Name;
                _odooTotal = status.AmountTotal;
                if (status.InvoiceStatus == "to invoice")
                {
                    await RecordAsync(ExceptionKinds.StepFailed, "left-to-invoice", $"Sale order {status.Name} still has lines to invoice after the flow ended (mixed invoicing policies).", null, null, null);
                }
            }

            _outcome = OrderToCashOutcome.Completed;
            Log("order delivered, invoiced and paid");
        }

        // ---- cancellations ----

        private async Task HandleCancellationAsync()
        {
            _cancelHandled = true;
            var order = _cancellation!;
            _order ??= order;
            if (_pickingIds.Count > 0)
            {
                var action = await ParkAsync("cancel-after-shipment", new StepProblem(ExceptionKinds.CancelAfterShipment,
                    $"The channel cancelled {_businessKey} after shipment: it becomes a return (return-to-refund path)."), OrderExcerpt(order), null);
                if (action == OperatorAction.Cancel)
                {
                    _outcome = OrderToCashOutcome.CancelledAfterShipment;
                    _note = "cancelled after shipment: handed to the return path";
                }
                else
                {
                    Log("cancellation after shipment left to the return path; the order carries on");
                }

                return;
            }

            if (_saleOrderId is long id)
            {
                var (_, decision) = await StepAsync<bool>("cancel-sale-order", OrderToCashNames.CancelSaleOrderActivity, new OrderStepInput(_businessKey, id), OrderExcerpt(order));
                if (_outcome is not null)
                {
                    return;
                }

                _cancelledInOdoo = decision == StepDecision.Done;
            }

            await RecordRefundOwedAsync("the channel cancelled the order");
            _outcome = OrderToCashOutcome.Cancelled;
            _note = order.CancelReason;
            Log("order cancelled");
        }

        private async Task OnUnpaidDeadlineAsync()
        {
            _unpaidAlerted = true;
            await RecordAsync(ExceptionKinds.Unpaid, "unpaid",
                $"Sale order {_saleOrderName} of {_businessKey} is unpaid {_policy.UnpaidDeadline} after confirmation.", null, null, null);
            if (_policy.UnpaidAction != UnpaidAction.AlertAndCancel || _pickingIds.Count > 0 || _amountCaptured > 0)
            {
                Log("unpaid deadline passed: alert recorded");
                return;
            }

            var (_, decision) = await StepAsync<bool>("cancel-sale-order", OrderToCashNames.CancelSaleOrderActivity, new OrderStepInput(_businessKey, _saleOrderId!.Value), null);
            if (_outcome is not null)
            {
                return;
            }

            _cancelledInOdoo = decision == StepDecision.Done;
            _outcome = OrderToCashOutcome.CancelledUnpaid;
            Log("unpaid deadline passed: order cancelled");
        }

        private async Task OperatorCancelAsync()
        {
            if (_saleOrderId is long id && _pickingIds.Count == 0 && !_cancelledInOdoo)
            {
                try
                {
                    var outcome = await _ctx.CallActivityAsync<StepOutcome<bool>>(OrderToCashNames.CancelSaleOrderActivity, new OrderStepInput(_businessKey, id), _odooTask);
                    _cancelledInOdoo = outcome.Problem is null;
                    if (outcome.Problem is { } problem)
                    {
                        await RecordAsync(problem.Kind, "operator-cancel", $"The operator's cancellation failed in Odoo: {problem.Reason}", null, problem.OdooResponse, null);
                    }
                }
                catch (TaskFailedException ex)
                {
                    await RecordAsync(ExceptionKinds.OdooUnavailable, "operator-cancel", $"The operator's cancellation failed in Odoo: {ex.FailureDetails.ErrorMessage}", null, null, null);
                }
            }

            await RecordRefundOwedAsync("an operator cancelled the order");
            _outcome = OrderToCashOutcome.CancelledByOperator;
            Log("order cancelled by the operator");
        }

        private async Task RecordRefundOwedAsync(string why)
        {
            if (_amountCaptured > 0)
            {
                await RecordAsync(ExceptionKinds.RefundOwed, "refund-owed", string.Create(CultureInfo.InvariantCulture,
                    $"{_amountCaptured} {_order?.Currency} was captured for {_businessKey} but {why}: the refund path owes it back (registered in Odoo: {_amountPaid})."), null, null, null);
            }
        }

        /// <summary>After a step's decision: true to carry on; false (and the outcome set) when the order stops here.</summary>
        private async Task<bool> ContinueAfterAsync(StepDecision decision, OrderToCashOutcome whenSkipped)
        {
            switch (decision)
            {
                case StepDecision.Done:
                case StepDecision.Tolerated:
                    return _outcome is null;
                case StepDecision.Skipped:
                    return await ContinueAfterAsync(OperatorAction.SkipStep, whenSkipped);
                default:
                    return false;
            }
        }

        private async Task<bool> ContinueAfterAsync(OperatorAction action, OrderToCashOutcome whenSkipped)
        {
            switch (action)
            {
                case OperatorAction.Retry:
                    return true;
                case OperatorAction.SkipStep:
                    if (whenSkipped == OrderToCashOutcome.NotPlaced)
                    {
                        _outcome = OrderToCashOutcome.NotPlaced;
                        _note = "an operator skipped placing the order in Odoo";
                        Log("placing skipped by the operator");
                        return false;
                    }

                    return true;
                default:
                    if (_outcome is null)
                    {
                        await OperatorCancelAsync();
                    }

                    return false;
            }
        }

        // ---- the step runner and parking ----

        /// <summary>
        /// Runs one Odoo activity (transient failures retried by policy); on a problem, parks and applies the operator's
        /// decision: retry runs it again, skip returns <see cref="StepDecision.Skipped"/>, cancel cancels the order.
        /// </summary>
        private async Task<(T? Value, StepDecision Decision)> StepAsync<T>(string step, string activity, object input, string? payload, Func<StepProblem, bool>? tolerate = null)
        {
            while (true)
            {
                StepProblem problem;
                try
                {
                    var outcome = await _ctx.CallActivityAsync<StepOutcome<T>>(activity, input, _odooTask);
                    if (outcome.Problem is null)
                    {
                        return (outcome.Value, StepDecision.Done);
                    }

                    problem = outcome.Problem;
                }
                catch (TaskFailedException ex)
                {
                    var transient = ex.FailureDetails.IsCausedBy<OdooTransientException>();
                    problem = new StepProblem(
                        transient ? ExceptionKinds.OdooUnavailable : ExceptionKinds.StepFailed,
                        transient ? $"Odoo stayed unavailable through every retry: {ex.FailureDetails.ErrorMessage}" : $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}");
                }

                if (tolerate?.Invoke(problem) == true)
                {
                    return (default, StepDecision.Tolerated);
                }

                var action = await ParkAsync(step, problem, payload, null);
                switch (action)
                {
                    case OperatorAction.Retry:
                        Log($"{step}: retry requested by the operator");
                        continue;
                    case OperatorAction.SkipStep:
                        return (default, StepDecision.Skipped);
                    default:
                        await OperatorCancelAsync();
                        return (default, StepDecision.Cancelled);
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
            _logger.LogWarning("Order {BusinessKey} parked at {Step}: {Kind} ({ExceptionId})", _businessKey, step, problem.Kind, id);
            Publish();

            using var escalation = new CancellationTokenSource();
            Task? escalationTimer = _ctx.CreateTimer(_ctx.CurrentUtcDateTime.Add(_policy.EscalateAfter), escalation.Token);
            while (true)
            {
                _resolveWait ??= _ctx.WaitForExternalEvent<OperatorDecision>(OrderToCashNames.ResolveEvent);
                var winner = escalationTimer is null ? await Task.WhenAny(_resolveWait) : await Task.WhenAny(_resolveWait, escalationTimer);
                if (winner == escalationTimer)
                {
                    escalationTimer = null;
                    _parked = _parked with { Escalated = true };
                    await RecordAsync(ExceptionKinds.Escalated, id + "|escalated",
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

                var resolution = decision.Note is null ? decision.Action.ToString() : $"{decision.Action}: {decision.Note}";
                try
                {
                    await _ctx.CallActivityAsync<bool>(OrderToCashNames.ResolveExceptionActivity, new ResolveExceptionInput(id, resolution, decision.ResolvedBy), _ledgerTask);
                }
                catch (TaskFailedException ex)
                {
                    _logger.LogError("Could not mark exception {ExceptionId} resolved: {Error}", id, ex.FailureDetails.ErrorMessage);
                }

                _parked = null;
                Log($"operator decided {decision.Action} at {step}");
                return decision.Action;
            }
        }

        private async Task RecordAsync(string kind, string id, string reason, string? payload, string? odooResponse, string? eventId, bool exactId = false)
        {
            var exceptionId = exactId ? id : $"{InstanceId}|{id}";
            try
            {
                await _ctx.CallActivityAsync<string>(OrderToCashNames.RecordExceptionActivity, new ExceptionDraft
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
                // The ledger stayed unavailable: the custom status still shows the problem; the order must not crash.
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

        private static string OrderExcerpt(OrderData order) => JsonSerializer.Serialize(order, RetailEventJson.Options);

        private void Publish()
        {
            var waitingFor = new List<string>();
            if (_outcome is null)
            {
                if (_parked is not null)
                {
                    waitingFor.Add("operator");
                }
                else if (_order is null)
                {
                    waitingFor.Add("order");
                }
                else
                {
                    if (!IsPaid || _pendingPayments.Count > 0)
                    {
                        waitingFor.Add("payment");
                    }

                    if (!_delivered)
                    {
                        waitingFor.Add("shipment");
                    }
                }
            }

            var stage = _outcome switch
            {
                OrderToCashOutcome.Completed => "completed",
                OrderToCashOutcome.NotPlaced => "not-placed",
                not null => "cancelled",
                null when _parked is not null => "parked",
                null when _order is null => "awaiting-order",
                null when !_confirmed => "placing",
                _ => "in-progress",
            };
            _ctx.SetCustomStatus(new OrderToCashStatus
            {
                Stage = stage,
                WaitingFor = waitingFor,
                SaleOrderId = _saleOrderId,
                SaleOrderName = _saleOrderName,
                Currency = _order?.Currency,
                ChannelTotal = _order?.Total,
                OdooTotal = _odooTotal,
                AmountPaid = _amountPaid,
                ShipmentsApplied = _pickingIds.Count,
                Delivered = _delivered,
                InvoiceId = _invoiceId,
                InvoiceName = _invoiceName,
                InvoicePosted = _invoicePosted,
                Parked = _parked,
                ExceptionIds = [.. _exceptionIds],
                History = [.. _history],
            });
        }

        private OrderToCashResult Result() => new()
        {
            Outcome = _outcome ?? OrderToCashOutcome.Completed,
            BusinessKey = _businessKey,
            SaleOrderId = _saleOrderId,
            SaleOrderName = _saleOrderName,
            Currency = _order?.Currency,
            ChannelTotal = _order?.Total,
            OdooTotal = _odooTotal,
            PickingIds = [.. _pickingIds],
            InvoiceId = _invoiceId,
            InvoiceName = _invoiceName,
            PaymentIds = [.. _paymentIds],
            AmountPaid = _amountPaid,
            EventsApplied = _applied,
            DuplicatesIgnored = _duplicates,
            StaleIgnored = _stale,
            ExceptionIds = [.. _exceptionIds],
            Note = _note,
        };
    }
}
