using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RetailSync.Events;
using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.OrderToCash.Parking;
using RetailSync.Payments;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.ReturnToRefund.Options;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.ReturnToRefund.Planning;
using RetailSync.Workflows.Orchestration;
using OdooReturnDisposition = RetailSync.Odoo.ReturnDisposition;

namespace RetailSync.ReturnToRefund.Workflow;

/// <content>The steps: authorization and eligibility, the return transfer, receipts, refund batches and their books.</content>
public sealed partial class ReturnToRefundWorkflow
{
    private sealed partial class ReturnToRefundRun
    {
        private bool _transferSkipped;

        /// <summary>Performs every step that became possible; sets the outcome when the return is finished.</summary>
        private async Task AdvanceAsync()
        {
            if (_return is null)
            {
                return;
            }

            if (!_checked)
            {
                await AuthorizeAsync();
                if (_outcome is not null || _returnPicking is null)
                {
                    return;
                }

                await StartExchangeAsync();
            }

            await ProcessReceiptsAsync();
            foreach (var batch in _batches.ToList())
            {
                if (_outcome is not null)
                {
                    return;
                }

                await SettleBatchAsync(batch);
            }

            if (_outcome is null && IsSettled())
            {
                await FinishAsync();
            }
        }

        // ---- authorization ----

        private async Task AuthorizeAsync()
        {
            _checked = true;
            var data = _return!;
            if (data.OrderKey is not { } orderKey)
            {
                Reject("The return does not name the order it belongs to.");
                return;
            }

            if (_authorized.Count == 0)
            {
                Reject(data.Lines.Count == 0 ? "The return has no lines." : "No line of the return names a product (SKU).");
                return;
            }

            var deadline = _ctx.CurrentUtcDateTime.Add(_policy.OrderWait);
            OrderContext? order;
            while (true)
            {
                var (found, decision, _) = await StepAsync<OrderContext>(
                    "locate-order",
                    ReturnToRefundNames.LocateOrderActivity,
                    () => new LocateOrderInput(_businessKey, orderKey, _businessKey),
                    ReturnExcerpt(),
                    tolerate: p => p.Kind == ReturnExceptionKinds.OrderNotInOdoo);
                if (_outcome is not null)
                {
                    return;
                }

                if (decision == StepDecision.Skipped)
                {
                    _outcome = ReturnToRefundOutcome.CancelledByOperator;
                    _note = "an operator skipped checking the order: the return is handled outside RetailSync";
                    return;
                }

                order = found;
                var delivered = order?.LastDeliveredAt is not null;
                if (delivered || _ctx.CurrentUtcDateTime >= deadline)
                {
                    break;
                }

                Log(order is null ? "order not in Odoo yet: checking again later" : $"order {order.SaleOrderName} not delivered yet: checking again later");
                Publish();
                await _ctx.CreateTimer(_ctx.CurrentUtcDateTime.Add(_policy.OrderRecheckInterval), CancellationToken.None);
            }

            if (order is null)
            {
                Reject($"The order of this return ({orderKey}) is not known.");
                return;
            }

            _order = order;
            var reasons = EligibilityCheck.Reasons(data.Lines, data.OccurredAt, order, _channelPolicy);
            if (reasons.Count > 0)
            {
                Reject(string.Join(" ", reasons));
                return;
            }

            Log($"eligible against {order.SaleOrderName}");
            var request = new ReturnRequest(order.SaleOrderId, _businessKey, _authorized.Select(a => new ReturnLineRequest(a.Key, a.Value)).ToList());
            var (picking, created, _) = await StepAsync<ReturnRef>(
                "create-return", ReturnToRefundNames.CreateReturnActivity, () => new CreateReturnInput(_businessKey, request), ReturnExcerpt());
            if (_outcome is not null)
            {
                return;
            }

            if (created == StepDecision.Skipped || picking is null)
            {
                // The operator books the transfer by hand: receipts still count, refunds and credit notes still follow.
                _transferSkipped = true;
                picking = new ReturnRef(0, "(by hand)", "skipped", _businessKey, Created: false);
                Log("return transfer skipped by the operator");
            }
            else
            {
                _pickingIds.Add(picking.PickingId);
                Log($"return transfer {picking.PickingName} {(picking.Created ? "created" : "found")}");
            }

            _returnPicking = picking;
            _remainingPickingId = picking.PickingId;
            _pickingCreatedAt = _ctx.CurrentUtcDateTime;
            if (_channelPolicy.RefundOn == RefundTrigger.OnAuthorization)
            {
                PlanBatch(_authorized.Select(a => new RefundUnit(a.Key, a.Value, null)).ToList());
            }
        }

        private void Reject(string reason)
        {
            _outcome = ReturnToRefundOutcome.Rejected;
            _rejection = reason;
            Log("rejected: " + reason);
            _logger.LogInformation("Return {BusinessKey} rejected: {Reason}", _businessKey, reason);
        }

        // ---- exchanges ----

        private async Task StartExchangeAsync()
        {
            if (_exchangeStarted || _return?.Exchanges is not { Count: > 0 } exchanges || _order is null)
            {
                return;
            }

            _exchangeStarted = true;
            // The replacement carries the tax share of the returned goods' invoice (same products in another size or colour).
            var returned = _order.Invoiced.Where(i => _authorized.ContainsKey(i.Sku)).ToList();
            var gross = returned.Sum(i => i.Total);
            var taxShare = gross > 0 ? Math.Round(1m - (returned.Sum(i => i.Subtotal) / gross), 6) : 0m;
            var input = new StartExchangeInput(_businessKey, _order.OrderKey, _return.ChannelReturnId, Currency, exchanges, _policy.ExchangeGateway, taxShare);
            try
            {
                var orderKey = await _ctx.CallActivityAsync<string>(ReturnToRefundNames.StartExchangeActivity, input, _ledgerTask);
                _exchangeOrders.Add(orderKey);
                Log($"exchange order {orderKey} started ({Describe(exchanges.Select(x => (x.Sku, x.Quantity)))})");
            }
            catch (TaskFailedException ex)
            {
                await RecordAsync(ReturnExceptionKinds.StepFailed, "exchange", $"The replacement order of {_businessKey} could not be started: {ex.FailureDetails.ErrorMessage}", ReturnExcerpt(), null, null);
            }
        }

        /// <summary>Value of the replacements that the returned goods pay for, in the return's currency.</summary>
        private decimal ExchangeValue => _return?.Exchanges?.Sum(x => x.UnitPrice * x.Quantity) ?? 0m;

        // ---- receipts ----

        private async Task ProcessReceiptsAsync()
        {
            while (_pendingReceipts.Count > 0 && _returnPicking is { } picking && _outcome is null)
            {
                var receipt = _pendingReceipts.Peek();
                var lines = receipt.Lines
                    .Where(l => l.Inspection != InspectionResult.Missing)
                    .GroupBy(l => (l.Sku, Disposition: Dispositions.ToOdoo(l.Disposition)))
                    .OrderBy(g => g.Key.Disposition).ThenBy(g => g.Key.Sku, StringComparer.Ordinal)
                    .Select(g => new ReceivedReturnLine(g.Key.Sku, g.Sum(l => l.Quantity), g.Key.Disposition))
                    .ToList();
                if (lines.Count > 0 && !_transferSkipped)
                {
                    var request = new ReceiveReturnLinesRequest(_remainingPickingId ?? picking.PickingId, receipt.ReceiptId, lines);
                    var (received, decision, _) = await StepAsync<ReturnLinesReceipt>(
                        "receive-" + receipt.ReceiptId, ReturnToRefundNames.ReceiveReturnActivity, () => new ReceiveReturnInput(_businessKey, request),
                        JsonSerializer.Serialize(receipt, RetailEventJson.Options));
                    if (_outcome is not null)
                    {
                        return;
                    }

                    if (decision == StepDecision.Done && received is not null)
                    {
                        foreach (var group in received.Groups.Where(g => !_pickingIds.Contains(g.PickingId)))
                        {
                            _pickingIds.Add(group.PickingId);
                        }

                        _remainingPickingId = received.RemainingPickingId;
                        Log($"receipt {receipt.ReceiptId} received in Odoo: {string.Join(", ", received.Groups.Select(g => $"{g.PickingName} -> {Where(g.Disposition)}"))}");
                    }
                    else
                    {
                        Log($"receipt {receipt.ReceiptId} skipped in Odoo by the operator");
                    }
                }

                _pendingReceipts.Dequeue();
                foreach (var line in receipt.Lines)
                {
                    _accounted[line.Sku] = _accounted.GetValueOrDefault(line.Sku) + line.Quantity;
                    if (line.Inspection != InspectionResult.Missing)
                    {
                        _received[line.Sku] = _received.GetValueOrDefault(line.Sku) + line.Quantity;
                    }
                }

                var missing = receipt.Lines.Where(l => l.Inspection == InspectionResult.Missing).ToList();
                if (missing.Count > 0)
                {
                    Log($"receipt {receipt.ReceiptId}: {Describe(missing.Select(l => (l.Sku, l.Quantity)))} missing from the parcel");
                }

                await PlanReceiptRefundAsync(receipt);
            }
        }

        private async Task PlanReceiptRefundAsync(ReturnReceiptData receipt)
        {
            var arrived = receipt.Lines.Where(l => l.Inspection != InspectionResult.Missing).ToList();
            switch (_channelPolicy.RefundOn)
            {
                case RefundTrigger.OnReceipt:
                    PlanBatch(arrived.Select(l => new RefundUnit(l.Sku, l.Quantity, l.Inspection)).ToList());
                    break;
                case RefundTrigger.AfterInspection:
                    var refundable = arrived.Where(l => _channelPolicy.RefundableInspections.Contains(l.Inspection)).ToList();
                    var withheld = arrived.Except(refundable).ToList();
                    if (withheld.Count > 0)
                    {
                        var what = string.Join(", ", withheld.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Quantity} x {l.Sku} ({JsonNamingPolicy.SnakeCaseLower.ConvertName(l.Inspection.ToString())}{(l.Note is null ? string.Empty : ": " + l.Note)})")));
                        Log($"refund withheld for {what}");
                        await RecordAsync(ReturnExceptionKinds.RefundWithheld, "withheld-" + receipt.ReceiptId,
                            $"Receipt {receipt.ReceiptId} of {_businessKey}: no refund for {what} under the {receipt.Channel} inspection policy; confirm with the customer or refund by hand.",
                            JsonSerializer.Serialize(receipt, RetailEventJson.Options), null, null);
                    }

                    PlanBatch(refundable.Select(l => new RefundUnit(l.Sku, l.Quantity, l.Inspection)).ToList());
                    break;
                default:
                    // Refunded on authorization already.
                    break;
            }
        }

        private static string Where(OdooReturnDisposition disposition) => disposition switch
        {
            OdooReturnDisposition.Restock => "stock",
            OdooReturnDisposition.Quarantine => "quarantine",
            OdooReturnDisposition.VendorReturn => "vendor return",
            _ => "scrap",
        };

        // ---- refund batches ----

        private void PlanBatch(List<RefundUnit> units)
        {
            if (units.Count == 0 || _order is null)
            {
                return;
            }

            var plan = RefundCalculator.Plan(units, _order.Invoiced, _channelPolicy, Currency, firstBatch: _batches.Count == 0);
            var batch = new Batch(_batches.Count + 1, plan, Currency, _ctx.CurrentUtcDateTime);
            _batches.Add(batch);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"refund {batch.No} planned: {Describe(plan.Lines.Select(l => (l.Sku, l.Quantity)))}, gross {plan.Gross}, deductions {plan.Deductions}, net {plan.Net} {Currency}"));
        }

        /// <summary>Carries one batch as far as it can go now: approval, refund, credit note, refund registration.</summary>
        private async Task SettleBatchAsync(Batch batch)
        {
            while (_outcome is null)
            {
                switch (batch.State)
                {
                    case BatchState.Planned:
                        await StartRefundAsync(batch);
                        if (batch.State == BatchState.Planned)
                        {
                            return;
                        }

                        continue;
                    case BatchState.Refunded:
                    case BatchState.Pending:
                        var before = batch.State;
                        await CreditAsync(batch);
                        if (batch.State == before)
                        {
                            return;
                        }

                        continue;
                    case BatchState.Credited:
                        await RegisterRefundAsync(batch);
                        if (batch.State == BatchState.Credited)
                        {
                            return;
                        }

                        continue;
                    default:
                        // Awaiting the channel, credited while the gateway refund is pending, or finished.
                        return;
                }
            }
        }

        private async Task StartRefundAsync(Batch batch)
        {
            if (_unassignedChannelRefunds.Count > 0)
            {
                // The channel already refunded: record that refund, never refund again.
                var refund = _unassignedChannelRefunds[0];
                _unassignedChannelRefunds.RemoveAt(0);
                AssignChannelRefund(batch, refund);
                return;
            }

            if (batch.Plan.Net <= 0)
            {
                batch.State = BatchState.Skipped;
                Log($"refund {batch.No}: nothing to refund after deductions");
                return;
            }

            var storeCredit = _channelPolicy.Method == RefundMethod.StoreCredit;
            var exchange = batch.No == 1 && ExchangeValue > 0;
            if (_channelPolicy.RefundedBy == RefundIssuer.Channel && !storeCredit && !exchange)
            {
                batch.State = BatchState.AwaitingChannel;
                batch.Since = _ctx.CurrentUtcDateTime;
                Log($"refund {batch.No}: waiting for {_return!.Channel}'s own refund");
                return;
            }

            if (!batch.ApprovalDecided && batch.Plan.Net > _policy.ApprovalThreshold)
            {
                var approved = await RequestApprovalAsync(batch);
                if (_outcome is not null)
                {
                    return;
                }

                batch.ApprovalDecided = true;
                if (!approved)
                {
                    batch.State = BatchState.Rejected;
                    return;
                }
            }

            if (storeCredit || exchange)
            {
                batch.Method = exchange ? RefundMethods.Exchange : RefundMethods.StoreCredit;
                batch.Amount = batch.Plan.Net;
                batch.BooksOnly = !exchange;
                batch.Gateway = exchange ? _policy.ExchangeGateway : null;
                batch.Reference = exchange ? $"exchange/{_businessKey}#{batch.No}" : null;
                batch.State = BatchState.Refunded;
                Log(string.Create(CultureInfo.InvariantCulture, $"refund {batch.No}: {batch.Amount} {batch.Currency} as {batch.Method}"));
                return;
            }

            await RefundAtGatewayAsync(batch);
        }

        private void AssignChannelRefund(Batch batch, RefundData refund)
        {
            batch.Method = RefundMethods.Channel;
            batch.ChannelRefund = refund;
            batch.Gateway = refund.Channel;
            batch.Reference = RefundId(refund);
            batch.Amount = refund.Amount;
            batch.Currency = refund.Currency;
            batch.State = BatchState.Refunded;
            Log(string.Create(CultureInfo.InvariantCulture, $"refund {batch.No}: {refund.Channel} refunded {refund.Amount} {refund.Currency} ({refund.ChannelRefundId})"));
        }

        private async Task RefundAtGatewayAsync(Batch batch)
        {
            var (refund, decision, _) = await StepAsync<GatewayRefund>(
                "gateway-refund-" + batch.No,
                ReturnToRefundNames.RefundAtGatewayActivity,
                () => new GatewayRefundInput(
                    _businessKey,
                    _order!.OrderKey,
                    _order.PaymentReferences,
                    batch.Plan.Net,
                    batch.Currency,
                    RefundKeys.For(_businessKey, batch.No, batch.Plan.Lines, batch.Attempt),
                    $"Return {_return!.ChannelReturnId}"),
                null,
                tolerate: p => p.Kind == ReturnExceptionKinds.NoGateway,
                beforeRetry: p =>
                {
                    // A refusal moved no money: the operator's retry is a new refund (a new key). After an outage the
                    // outcome is unknown, so the retry keeps the key and the gateway answers with what it did.
                    if (p.Kind == ReturnExceptionKinds.RefundRefused)
                    {
                        batch.Attempt++;
                    }
                });
            if (_outcome is not null)
            {
                return;
            }

            switch (decision)
            {
                case StepDecision.Tolerated:
                    batch.State = BatchState.AwaitingChannel;
                    batch.Since = _ctx.CurrentUtcDateTime;
                    Log($"refund {batch.No}: the payment is at no registered gateway; waiting for the channel's refund");
                    return;
                case StepDecision.Skipped:
                    RefundedOutside(batch);
                    return;
                case StepDecision.Done when refund is not null:
                    batch.Method = RefundMethods.Gateway;
                    batch.Gateway = refund.Gateway;
                    batch.GatewayRefundId = refund.RefundId;
                    batch.Reference = refund.RefundId;
                    batch.Amount = refund.Amount;
                    batch.Currency = refund.Currency;
                    batch.State = BatchState.Pending;
                    Log(string.Create(CultureInfo.InvariantCulture, $"refund {batch.No}: {refund.Gateway} refund {refund.RefundId} of {refund.Amount} {refund.Currency} is {refund.State}"));
                    var state = refund.State;
                    if (_gatewayRefundEvents.TryGetValue(refund.RefundId, out var seen) && GatewayStateOf(seen.Status) != GatewayRefundState.Pending)
                    {
                        // The gateway's webhook was faster than the activity's answer.
                        state = GatewayStateOf(seen.Status);
                    }

                    await ApplyGatewayStateAsync(batch, state, state.ToString());
                    return;
                default:
                    return;
            }
        }

        private void RefundedOutside(Batch batch)
        {
            batch.Method = RefundMethods.Outside;
            batch.Amount = batch.Plan.Net;
            batch.BooksOnly = true;
            batch.State = batch.CreditNoteId is null ? BatchState.Refunded : BatchState.Booked;
            Log($"refund {batch.No}: refunded outside RetailSync (operator); the credit note is booked without a refund payment");
        }

        /// <summary>Applies where the gateway says a refund stands. A failure after the credit note parks with the reason.</summary>
        private async Task ApplyGatewayStateAsync(Batch batch, GatewayRefundState state, string status)
        {
            switch (state)
            {
                case GatewayRefundState.Succeeded:
                    batch.State = batch.State switch
                    {
                        BatchState.Pending => BatchState.Refunded,
                        BatchState.CreditedPending => BatchState.Credited,
                        _ => batch.State,
                    };
                    return;
                case GatewayRefundState.Failed:
                case GatewayRefundState.Canceled:
                    break;
                default:
                    return;
            }

            if (batch.State is not (BatchState.Pending or BatchState.CreditedPending or BatchState.Credited or BatchState.Refunded))
            {
                if (batch.State == BatchState.Booked)
                {
                    await RecordAsync(ReturnExceptionKinds.RefundFailedAfterCreditNote, $"failed-after-booking-{batch.No}",
                        $"{batch.Gateway} reports refund {batch.GatewayRefundId} of {_businessKey} as {status} after it was booked against credit note {batch.CreditNoteName}: refund the customer by hand and correct the books.", null, null, null);
                }

                return;
            }

            var credited = batch.CreditNoteId is not null;
            var reason = credited
                ? $"{batch.Gateway} refund {batch.GatewayRefundId} ({batch.Amount} {batch.Currency}) is {status} but credit note {batch.CreditNoteName} is posted: the books say refunded, the money did not move."
                : $"{batch.Gateway} refund {batch.GatewayRefundId} ({batch.Amount} {batch.Currency}) is {status}.";
            var action = await ParkAsync("refund-" + batch.No, new StepProblem(credited ? ReturnExceptionKinds.RefundFailedAfterCreditNote : ReturnExceptionKinds.RefundFailed, reason), null, null);
            switch (action)
            {
                case OperatorAction.Retry:
                    // A failed refund moved no money: a new refund with a new key (the credit note, if any, is kept).
                    batch.Attempt++;
                    batch.GatewayRefundId = null;
                    batch.State = BatchState.Planned;
                    break;
                case OperatorAction.SkipStep:
                    if (credited)
                    {
                        batch.Method = RefundMethods.StoreCredit;
                        batch.BooksOnly = true;
                        batch.State = BatchState.Booked;
                        Log($"refund {batch.No}: the credit note stays open as store credit (operator)");
                    }
                    else
                    {
                        RefundedOutside(batch);
                    }

                    break;
                default:
                    await OperatorCancelAsync();
                    break;
            }
        }

        private async Task CreditAsync(Batch batch)
        {
            if (batch.CreditNoteId is not null || batch.BooksSkipped)
            {
                batch.State = batch.State == BatchState.Pending ? BatchState.CreditedPending : BatchState.Credited;
                return;
            }

            while (_order!.InvoiceId is null)
            {
                var action = await ParkAsync("credit-note-" + batch.No, new StepProblem(ReturnExceptionKinds.NoInvoice,
                    $"Sale order {_order.SaleOrderName} has no posted invoice to credit for refund {batch.No} of {_businessKey}."), null, null);
                if (action == OperatorAction.SkipStep)
                {
                    batch.BooksSkipped = true;
                    batch.State = batch.State == BatchState.Pending ? BatchState.CreditedPending : BatchState.Credited;
                    return;
                }

                if (action == OperatorAction.Cancel)
                {
                    await OperatorCancelAsync();
                    return;
                }

                await RefreshOrderAsync();
                if (_outcome is not null)
                {
                    return;
                }
            }

            var lines = batch.Plan.Lines.Where(l => l.Quantity > 0).Select(l => new CreditNoteLine(l.Sku, l.Quantity)).ToList();
            var request = new CreditNoteRequest(_order.InvoiceId.Value, $"{_businessKey}#{batch.No}", $"Return {_return!.ChannelReturnId} ({batch.Method})")
            {
                Lines = lines,
                TargetTotal = batch.Amount,
                AdjustmentLabel = batch.Plan.Deductions > 0 ? "Restocking and return shipping" : "Refund adjustment",
            };
            var (note, decision, _) = await StepAsync<InvoiceRef>(
                "credit-note-" + batch.No, ReturnToRefundNames.CreateCreditNoteActivity, () => new CreditNoteInput(_businessKey, request), null);
            if (_outcome is not null)
            {
                return;
            }

            if (decision == StepDecision.Done && note is not null)
            {
                batch.CreditNoteId = note.InvoiceId;
                batch.CreditNoteName = note.Name;
                batch.CreditNoteTotal = note.AmountTotal;
                Log(string.Create(CultureInfo.InvariantCulture, $"credit note {note.Name} posted for refund {batch.No}: {note.AmountTotal}"));
                if (Math.Abs(note.AmountTotal - batch.Amount) > _policy.TotalsTolerance)
                {
                    await RecordAsync(ReturnExceptionKinds.CreditNoteMismatch, $"credit-mismatch-{batch.No}", string.Create(CultureInfo.InvariantCulture,
                        $"Credit note {note.Name} of {_businessKey} totals {note.AmountTotal} but refund {batch.No} is {batch.Amount} {batch.Currency}."), null, null, null);
                }
            }
            else
            {
                batch.BooksSkipped = true;
                Log($"credit note of refund {batch.No} skipped by the operator");
            }

            batch.State = batch.State == BatchState.Pending ? BatchState.CreditedPending : BatchState.Credited;
        }

        private async Task RegisterRefundAsync(Batch batch)
        {
            if (batch.BooksOnly || batch.CreditNoteId is not { } creditNoteId || batch.Amount <= 0)
            {
                batch.State = BatchState.Booked;
                return;
            }

            var payment = new PaymentRequest(creditNoteId, batch.Gateway!, batch.Reference!, batch.Amount, DateOnly.FromDateTime(_ctx.CurrentUtcDateTime));
            var (registered, decision, _) = await StepAsync<PaymentRef>(
                "register-refund-" + batch.No, ReturnToRefundNames.RegisterRefundActivity, () => new RegisterRefundInput(_businessKey, payment), null);
            if (_outcome is not null)
            {
                return;
            }

            if (decision == StepDecision.Done && registered is not null)
            {
                batch.PaymentId = registered.PaymentId;
                Log($"refund {batch.No} registered in Odoo ({registered.Name ?? registered.PaymentId.ToString(CultureInfo.InvariantCulture)})");
            }

            batch.State = BatchState.Booked;
        }

        private async Task RefreshOrderAsync()
        {
            var (found, _, _) = await StepAsync<OrderContext>(
                "locate-order", ReturnToRefundNames.LocateOrderActivity, () => new LocateOrderInput(_businessKey, _order!.OrderKey, _businessKey), null,
                tolerate: p => p.Kind == ReturnExceptionKinds.OrderNotInOdoo);
            if (found is not null)
            {
                _order = found;
            }
        }

        // ---- deadlines and polling ----

        private async Task OnChannelRefundDeadlineAsync()
        {
            if (_batches.FirstOrDefault(b => b.State == BatchState.AwaitingChannel) is not { } batch)
            {
                return;
            }

            var action = await ParkAsync("channel-refund-" + batch.No, new StepProblem(ReturnExceptionKinds.RefundMissing, string.Create(CultureInfo.InvariantCulture,
                $"{_return?.Channel} has not refunded {batch.Plan.Net} {batch.Currency} for {_businessKey} within {_policy.ChannelRefundDeadline} (refund {batch.No}).")), null, null);
            switch (action)
            {
                case OperatorAction.Retry:
                    batch.Since = _ctx.CurrentUtcDateTime;
                    Log("waiting again for the channel's refund");
                    break;
                case OperatorAction.SkipStep:
                    batch.State = BatchState.Skipped;
                    Log($"refund {batch.No} skipped by the operator");
                    break;
                default:
                    await OperatorCancelAsync();
                    break;
            }
        }

        private async Task PollPendingRefundsAsync()
        {
            foreach (var batch in _batches.Where(b => b.State is BatchState.Pending or BatchState.CreditedPending && b.GatewayRefundId is not null).ToList())
            {
                GatewayRefund? refund;
                try
                {
                    refund = await _ctx.CallActivityAsync<GatewayRefund?>(
                        ReturnToRefundNames.GetGatewayRefundActivity, new GatewayRefundLookup(batch.Gateway!, batch.GatewayRefundId!), _stepTask);
                }
                catch (TaskFailedException ex)
                {
                    Log($"could not ask {batch.Gateway} about refund {batch.GatewayRefundId}: {ex.FailureDetails.ErrorMessage}");
                    continue;
                }

                if (refund is not null)
                {
                    Log($"{batch.Gateway} says refund {refund.RefundId} is {refund.State}");
                    await ApplyGatewayStateAsync(batch, refund.State, refund.State.ToString());
                }
            }
        }

        // ---- the end ----

        /// <summary>True when nothing is left to do: every authorized unit is accounted for (or the channel closed the return) and every refund is booked.</summary>
        private bool IsSettled() =>
            _returnPicking is not null
            && _pendingReceipts.Count == 0
            && (!Outstanding().Any() || _closedByChannel)
            && _batches.All(b => b.IsTerminal);

        private async Task FinishAsync()
        {
            if (Outstanding().Any() && _remainingPickingId is long open && !_transferSkipped)
            {
                Log($"closed by the channel with {Describe(Outstanding())} never received: cancelling what is left of the transfer");
                await CallCancelReturnAsync(open);
            }

            _outcome = _batches.Count > 0 && _batches.All(b => b.State == BatchState.Rejected)
                ? ReturnToRefundOutcome.RefundRejected
                : _received.Count == 0 && !_batches.Any(b => b.MoneyMoved || b.State == BatchState.Booked)
                    ? ReturnToRefundOutcome.Cancelled
                    : ReturnToRefundOutcome.Completed;
            if (_outcome == ReturnToRefundOutcome.RefundRejected)
            {
                _rejection ??= "The refund was rejected.";
            }
            else if (_outcome == ReturnToRefundOutcome.Cancelled)
            {
                _note = "closed by the channel before any goods came back or money was refunded";
            }

            Log($"finished: {_outcome}");
        }

        private async Task CallCancelReturnAsync(long pickingId)
        {
            try
            {
                var outcome = await _ctx.CallActivityAsync<StepOutcome<bool>>(ReturnToRefundNames.CancelReturnActivity, new ReturnPickingInput(_businessKey, pickingId), _stepTask);
                if (outcome.Problem is { } problem)
                {
                    await RecordAsync(problem.Kind, "cancel-transfer", $"The open return transfer of {_businessKey} could not be cancelled: {problem.Reason}", null, problem.OdooResponse, null);
                }
                else
                {
                    Log(outcome.Value ? "open return transfer cancelled in Odoo" : "nothing left open to cancel in Odoo");
                }
            }
            catch (TaskFailedException ex)
            {
                await RecordAsync(ReturnExceptionKinds.OdooUnavailable, "cancel-transfer", $"The open return transfer of {_businessKey} could not be cancelled: {ex.FailureDetails.ErrorMessage}", null, null, null);
            }
        }

        private async Task OperatorCancelAsync()
        {
            if (_outcome is not null)
            {
                return;
            }

            if (_returnPicking is not null && _received.Count == 0 && _remainingPickingId is long open && !_transferSkipped)
            {
                await CallCancelReturnAsync(open);
            }

            var unbooked = _batches.Where(b => b.MoneyMoved && b.State != BatchState.Booked).ToList();
            if (unbooked.Count > 0)
            {
                await RecordAsync(ReturnExceptionKinds.CreditNoteMismatch, "cancelled-unbooked", string.Create(CultureInfo.InvariantCulture,
                    $"An operator cancelled {_businessKey} with money refunded but not fully booked: {string.Join(", ", unbooked.Select(b => $"refund {b.No} {b.Amount} {b.Currency} ({b.State})"))}."), null, null, null);
            }

            _outcome = ReturnToRefundOutcome.CancelledByOperator;
            Log("return cancelled by the operator");
        }

        private decimal AmountRefunded => _batches.Where(b => b.MoneyMoved || b.State == BatchState.Booked && b.Method is not null).Sum(b => b.Amount);

        private decimal AmountCredited => _batches.Sum(b => b.CreditNoteTotal ?? 0m);

        private string ReturnExcerpt() => _return is null ? string.Empty : JsonSerializer.Serialize(_return, RetailEventJson.Options);
    }
}
