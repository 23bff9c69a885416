using RetailSync.Events;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.ReturnToRefund.Tests.Support;
using RetailSync.ReturnToRefund.Workflow;
using RetailSync.Sandbox.Odoo;
using RetailSync.Testing;

namespace RetailSync.ReturnToRefund.Tests.Workflow;

/// <summary>
/// The workflow on the embedded runtime with the real activities, Odoo client and Stripe gateway against the Odoo and
/// Stripe sandboxes: one gateway refund and one credit note per refund, stock in the locations the dispositions name.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReturnToRefundFlowTests(AzuriteFixture azurite)
{
    private static readonly (string, int, InspectionResult, ReturnDisposition)[] MixedReceipt =
    [
        ("TEE-BLK-M", 1, InspectionResult.AsNew, ReturnDisposition.Restock),
        ("TEE-BLK-M", 1, InspectionResult.Used, ReturnDisposition.VendorReturn),
        ("MUG-LOGO", 1, InspectionResult.Defective, ReturnDisposition.Scrap),
    ];

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Gateway_return_is_received_per_disposition_refunded_once_and_credited_exactly(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version);
        var order = await harness.DeliveredOrderAsync("2001");
        var stockBefore = harness.Odoo.Inspect.OnHand("TEE-BLK-M");
        var r = new ReturnScenario("loop", "R-2001", order);

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 2), ("MUG-LOGO", 1)]), r.Received("RCPT-1", MixedReceipt));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        var refund = Assert.Single(result.Refunds);
        Assert.Equal(RefundMethods.Gateway, refund.Method);
        Assert.Equal(73.60m, refund.Amount); // 2 x 28.75 + 16.10, tax included, no shipping
        Assert.Equal("booked", refund.State);
        var stripeRefund = Assert.Single(harness.RefundsOf(order));
        Assert.Equal(7360, stripeRefund.Amount);
        Assert.Equal(r.ReturnKey, stripeRefund.Metadata["return_key"]);
        Assert.Equal(stripeRefund.Id, refund.Reference);

        var creditNote = Assert.Single(harness.CreditNotesOf(order));
        Assert.Equal("posted", creditNote.State);
        Assert.Equal(73.60m, creditNote.AmountTotal);
        Assert.Equal("paid", creditNote.PaymentState);
        Assert.Equal(creditNote.Id, refund.CreditNoteId);
        var payment = Assert.Single(harness.PaymentsFor(creditNote));
        Assert.Equal("outbound", payment.PaymentType);
        Assert.Equal("STRP", payment.JournalCode);
        Assert.Equal(stripeRefund.Id, payment.Memo);

        Assert.Equal(stockBefore + 1, harness.Odoo.Inspect.OnHand("TEE-BLK-M"));
        Assert.Equal(1, harness.Odoo.Inspect.OnHand("TEE-BLK-M", "WH/Vendor Returns"));
        Assert.Equal(0, harness.Odoo.Inspect.OnHand("MUG-LOGO", "WH/Quarantine"));
        Assert.All(harness.ReturnsOf(order), p => Assert.Equal("done", p.State));
        Assert.Empty(await harness.ExceptionsOfAsync(r));
        var status = await harness.StatusAsync(r);
        Assert.Equal("completed", status!.Stage);
        Assert.Equal(2, status.Received["TEE-BLK-M"]);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Duplicated_and_out_of_order_events_end_in_the_same_books(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version);
        var order = await harness.DeliveredOrderAsync("2002");
        var r = new ReturnScenario("loop", "R-2002", order);
        var receipt = r.Received("RCPT-1", MixedReceipt);
        var authorized = r.Authorized([("TEE-BLK-M", 2), ("MUG-LOGO", 1)]);

        // The warehouse's receipt first; then everything again, under the same and under new event ids.
        await harness.SendAsync(r, receipt, authorized, receipt, authorized, r.Received("RCPT-1", MixedReceipt, id: "evt-recv-again"), r.Authorized([("TEE-BLK-M", 2), ("MUG-LOGO", 1)], id: "evt-auth-again"));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        Assert.Single(result.Refunds);
        Assert.Single(harness.RefundsOf(order));
        Assert.Equal(73.60m, Assert.Single(harness.CreditNotesOf(order)).AmountTotal);
        Assert.True(result.DuplicatesIgnored >= 2, $"duplicates: {result.DuplicatesIgnored}");
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Gateway_timeout_after_the_refund_was_made_refunds_once(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version);
        var order = await harness.DeliveredOrderAsync("2003");
        var r = new ReturnScenario("loop", "R-2003", order);
        harness.Stripe.Faults.LoseReplyAfterRefund();

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 1)]), r.Received("RCPT-1", [("TEE-BLK-M", 1, InspectionResult.AsNew, ReturnDisposition.Restock)]));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        Assert.Equal(0, harness.Stripe.Faults.Armed);
        Assert.True(harness.Stripe.RefundCalls >= 2, $"the lost reply was retried ({harness.Stripe.RefundCalls} calls)");
        var made = Assert.Single(harness.RefundsOf(order));
        Assert.Equal(2875, made.Amount);
        Assert.Equal(made.Id, Assert.Single(result.Refunds).Reference);
        var creditNote = Assert.Single(harness.CreditNotesOf(order));
        Assert.Equal(28.75m, creditNote.AmountTotal);
        Assert.Single(harness.PaymentsFor(creditNote));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Odoo_committing_then_losing_the_reply_on_every_write_leaves_one_transfer_and_one_credit_note(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version);
        var order = await harness.DeliveredOrderAsync("2004");
        var r = new ReturnScenario("loop", "R-2004", order);
        foreach (var (model, method) in new[]
                 {
                     ("stock.return.picking", "create"), ("stock.return.picking", version == 17 ? "create_returns" : "action_create_returns"),
                     ("stock.picking", "write"), ("stock.picking", "button_validate"), ("stock.backorder.confirmation", "process"),
                     ("stock.scrap", "create"), ("stock.scrap", "action_validate"),
                     ("account.move.reversal", "create"), ("account.move.reversal", "refund_moves"), ("account.move", "write"), ("account.move", "action_post"),
                     ("account.payment.register", "create"), ("account.payment.register", "action_create_payments"),
                 })
        {
            harness.Odoo.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, model, method);
        }

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 2), ("MUG-LOGO", 1)]), r.Received("RCPT-1", MixedReceipt));
        var result = await harness.CompletedAsync(r, TimeSpan.FromSeconds(90));

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        Assert.Single(harness.RefundsOf(order));
        var creditNote = Assert.Single(harness.CreditNotesOf(order));
        Assert.Equal(73.60m, creditNote.AmountTotal);
        Assert.Equal("paid", creditNote.PaymentState);
        Assert.Single(harness.PaymentsFor(creditNote));
        Assert.Equal(1, harness.Odoo.Inspect.OnHand("TEE-BLK-M", "WH/Vendor Returns"));
        Assert.Equal(1, harness.Odoo.Inspect.Pickings().Count(p => p.SaleId == order.SaleOrderId && p.Origin == r.ReturnKey && p.ReturnId is not null && p.BackorderId is null));
        Assert.DoesNotContain(await harness.ExceptionsOfAsync(r), e => e.Kind != ReturnExceptionKinds.OdooUnavailable);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task More_units_than_were_delivered_is_rejected_with_a_reason_and_nothing_in_Odoo(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version);
        var order = await harness.DeliveredOrderAsync("2005");
        var r = new ReturnScenario("loop", "R-2005", order);

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 3)]));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Rejected, result.Outcome);
        Assert.Contains("only 2 can be returned", result.RejectionReason, StringComparison.Ordinal);
        Assert.Empty(harness.ReturnsOf(order));
        Assert.Empty(harness.RefundsOf(order));
        Assert.Empty(harness.CreditNotesOf(order));
    }

    [Fact]
    public async Task Return_outside_the_window_is_rejected()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 17);
        var order = await harness.DeliveredOrderAsync("2006");
        var r = new ReturnScenario("loop", "R-2006", order);

        await harness.SendAsync(r, r.Authorized([("MUG-LOGO", 1)], at: DateTimeOffset.UtcNow.AddDays(45)));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Rejected, result.Outcome);
        Assert.Contains("return window of 30 days", result.RejectionReason, StringComparison.Ordinal);
        Assert.Empty(harness.ReturnsOf(order));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Refund_above_the_threshold_waits_for_approval_then_refunds(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version, new() { ["ReturnToRefund:ApprovalThreshold"] = "50" });
        var order = await harness.DeliveredOrderAsync("2007");
        var r = new ReturnScenario("loop", "R-2007", order);

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 2), ("MUG-LOGO", 1)]), r.Received("RCPT-1", MixedReceipt));
        var waiting = await harness.StatusWhenAsync(r, s => s.AwaitingApproval is not null, "the refund waits for approval");
        Assert.Equal("awaiting-approval", waiting.Stage);
        Assert.Equal(73.60m, waiting.AwaitingApproval!.Amount);
        Assert.Empty(harness.RefundsOf(order));

        await harness.DecideAsync(r, "some-other-approval", approved: true);
        await harness.DecideAsync(r, waiting.AwaitingApproval.ApprovalId, approved: true);
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        Assert.Single(harness.RefundsOf(order));
        Assert.Equal(73.60m, Assert.Single(harness.CreditNotesOf(order)).AmountTotal);
    }

    [Fact]
    public async Task Rejected_refund_moves_no_money_and_books_nothing()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 18, new() { ["ReturnToRefund:ApprovalThreshold"] = "50" });
        var order = await harness.DeliveredOrderAsync("2008");
        var r = new ReturnScenario("loop", "R-2008", order);

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 2), ("MUG-LOGO", 1)]), r.Received("RCPT-1", MixedReceipt));
        var waiting = await harness.StatusWhenAsync(r, s => s.AwaitingApproval is not null, "the refund waits for approval");
        await harness.DecideAsync(r, waiting.AwaitingApproval!.ApprovalId, approved: false, "worn and washed");
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.RefundRejected, result.Outcome);
        Assert.Equal("worn and washed", result.RejectionReason);
        Assert.Empty(harness.RefundsOf(order));
        Assert.Empty(harness.CreditNotesOf(order));
        Assert.Equal("rejected", Assert.Single(result.Refunds).State);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Channel_refund_is_recorded_and_booked_never_refunded_again(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version);
        var order = await harness.DeliveredOrderAsync("2009");
        var r = new ReturnScenario("shopify", "acme.myshopify.com/9", order);

        // Shopify refunds in its admin as soon as the return is approved; the warehouse receives later.
        await harness.SendAsync(r, r.Authorized([("MUG-LOGO", 1)]), r.ChannelRefund("RF-9", 16.10m, [("MUG-LOGO", 1)]));
        await harness.StatusWhenAsync(r, s => s.ReturnPickingId is not null, "the return transfer exists");
        await harness.SendAsync(r, r.Received("RCPT-9", [("MUG-LOGO", 1, InspectionResult.AsNew, ReturnDisposition.Restock)]));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        var refund = Assert.Single(result.Refunds);
        Assert.Equal(RefundMethods.Channel, refund.Method);
        Assert.Empty(harness.RefundsOf(order));
        var creditNote = Assert.Single(harness.CreditNotesOf(order));
        Assert.Equal(16.10m, creditNote.AmountTotal);
        var payment = Assert.Single(harness.PaymentsFor(creditNote));
        Assert.Equal("SHOP", payment.JournalCode);
        Assert.Equal("shopify/RF-9", payment.Memo);
    }

    [Fact]
    public async Task Damaged_units_are_received_but_not_refunded_and_the_operator_is_told()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 17);
        var order = await harness.DeliveredOrderAsync("2010");
        var r = new ReturnScenario("loop", "R-2010", order);

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 2)]), r.Received("RCPT-1",
        [
            ("TEE-BLK-M", 1, InspectionResult.AsNew, ReturnDisposition.Restock),
            ("TEE-BLK-M", 1, InspectionResult.Damaged, ReturnDisposition.Quarantine),
        ]));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        Assert.Equal(28.75m, Assert.Single(result.Refunds).Amount);
        Assert.Equal(2875, Assert.Single(harness.RefundsOf(order)).Amount);
        Assert.Equal(1, harness.Odoo.Inspect.OnHand("TEE-BLK-M", "WH/Quarantine"));
        var withheld = Assert.Single(await harness.ExceptionsOfAsync(r));
        Assert.Equal(ReturnExceptionKinds.RefundWithheld, withheld.Kind);
        Assert.Contains("1 x TEE-BLK-M (damaged)", withheld.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restocking_fee_and_return_shipping_are_kept_and_the_credit_note_matches_the_refund()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 18, new()
        {
            ["ReturnToRefund:Channels:loop:RestockingFeePercent"] = "10",
            ["ReturnToRefund:Channels:loop:ReturnShippingFee"] = "5",
        });
        var order = await harness.DeliveredOrderAsync("2011");
        var r = new ReturnScenario("loop", "R-2011", order);

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 2)]), r.Received("RCPT-1", [("TEE-BLK-M", 2, InspectionResult.AsNew, ReturnDisposition.Restock)]));
        var result = await harness.CompletedAsync(r);

        var refund = Assert.Single(result.Refunds);
        Assert.Equal(57.50m, refund.Gross);
        Assert.Equal(5.75m + 5m, refund.Deductions);
        Assert.Equal(46.75m, refund.Amount);
        Assert.Equal(4675, Assert.Single(harness.RefundsOf(order)).Amount);
        var creditNote = Assert.Single(harness.CreditNotesOf(order));
        Assert.Equal(46.75m, creditNote.AmountTotal);
        Assert.Equal("paid", creditNote.PaymentState);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Pending_refund_is_credited_but_only_registered_once_the_gateway_settles_it(int version)
    {
        await using var harness = await RtrHarness.StartAsync(azurite, version, stripe: new() { RefundsSucceedImmediately = false });
        var order = await harness.DeliveredOrderAsync("2012");
        var r = new ReturnScenario("loop", "R-2012", order);

        await harness.SendAsync(r, r.Authorized([("MUG-LOGO", 1)]), r.Received("RCPT-1", [("MUG-LOGO", 1, InspectionResult.AsNew, ReturnDisposition.Restock)]));
        var pending = await harness.StatusWhenAsync(r, s => s.Refunds.Any(b => b.State == "credited-pending"), "the refund is pending with its credit note posted");
        Assert.Equal("awaiting-refund", pending.Stage);
        var creditNote = Assert.Single(harness.CreditNotesOf(order));
        Assert.Equal("posted", creditNote.State);
        Assert.Empty(harness.PaymentsFor(creditNote));

        Assert.Equal(1, harness.Stripe.SettlePendingRefunds());
        var refundId = pending.Refunds[0].Reference!;
        await harness.SendAsync(r, r.StripeRefund(RetailEventTypes.RefundUpdated, refundId, 16.10m, "succeeded"));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        Assert.Single(harness.RefundsOf(order));
        Assert.Equal("paid", Assert.Single(harness.CreditNotesOf(order)).PaymentState);
    }

    [Fact]
    public async Task Refund_failing_after_its_credit_note_parks_and_a_retry_refunds_with_a_new_key()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 17, stripe: new() { RefundsSucceedImmediately = false });
        var order = await harness.DeliveredOrderAsync("2013");
        var r = new ReturnScenario("loop", "R-2013", order);

        await harness.SendAsync(r, r.Authorized([("MUG-LOGO", 1)]), r.Received("RCPT-1", [("MUG-LOGO", 1, InspectionResult.AsNew, ReturnDisposition.Restock)]));
        var pending = await harness.StatusWhenAsync(r, s => s.Refunds.Any(b => b.State == "credited-pending"), "the refund is pending");
        await harness.SendAsync(r, r.StripeRefund(RetailEventTypes.RefundUpdated, pending.Refunds[0].Reference!, 16.10m, "failed"));
        var parked = await harness.ParkedAsync(r, ReturnExceptionKinds.RefundFailedAfterCreditNote);
        Assert.Contains("the money did not move", parked.Parked!.Reason, StringComparison.Ordinal);

        await harness.ResolveAsync(r, parked.Parked.ExceptionId, OrderToCash.Parking.OperatorAction.Retry);
        var second = await harness.StatusWhenAsync(r, s => s.Refunds[0].Reference != pending.Refunds[0].Reference && s.Refunds[0].Reference is not null, "a second refund is made");
        Assert.Equal(2, harness.RefundsOf(order).Count);
        harness.Stripe.SettlePendingRefunds();
        await harness.SendAsync(r, r.StripeRefund(RetailEventTypes.RefundUpdated, second.Refunds[0].Reference!, 16.10m, "succeeded"));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        var creditNote = Assert.Single(harness.CreditNotesOf(order));
        Assert.Equal(second.Refunds[0].Reference, Assert.Single(harness.PaymentsFor(creditNote)).Memo);
    }

    [Fact]
    public async Task Channel_cancelling_before_the_goods_arrive_cancels_the_transfer()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 18);
        var order = await harness.DeliveredOrderAsync("2014");
        var r = new ReturnScenario("loop", "R-2014", order);

        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 1)]));
        await harness.StatusWhenAsync(r, s => s.ReturnPickingId is not null, "the return transfer exists");
        await harness.SendAsync(r, r.Updated("cancelled"));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Cancelled, result.Outcome);
        Assert.Empty(harness.ReturnsOf(order));
        Assert.Empty(harness.RefundsOf(order));
    }
}
