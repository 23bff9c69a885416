using RetailSync.Sandbox.Odoo;

namespace RetailSync.Odoo.Tests.Sandbox;

public sealed class AccountingOperationsTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task An_order_is_invoiced_posted_and_paid_once_even_when_replies_are_lost(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await StockOperationsTests.ShippedOrderAsync(h, "10001");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "sale.advance.payment.inv", "create_invoices");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "account.move", "action_post");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "account.payment.register", "action_create_payments");

        var draft = await h.Accounting.CreateInvoiceAsync(order.OrderId);
        var posted = await h.Accounting.PostInvoiceAsync(draft.InvoiceId);
        var payment = await h.Accounting.RegisterPaymentAsync(new PaymentRequest(posted.InvoiceId, "stripe", "pi_10001", posted.AmountTotal, Today));
        var paymentAgain = await h.Accounting.RegisterPaymentAsync(new PaymentRequest(posted.InvoiceId, "stripe", "pi_10001", posted.AmountTotal, Today));
        var invoiceAgain = await h.Accounting.CreateInvoiceAsync(order.OrderId);

        Assert.Equal(0, h.Sandbox.Faults.ArmedCount);
        Assert.Equal(draft.InvoiceId, invoiceAgain.InvoiceId);
        Assert.False(invoiceAgain.Created);
        Assert.Equal("posted", posted.State);
        Assert.StartsWith("INV/", posted.Name, StringComparison.Ordinal);
        Assert.Equal(185.21m, posted.AmountTotal); // 161.05 + 15% tax
        Assert.Single(h.Where("account.move", "move_type", "out_invoice"));
        Assert.Equal(payment.PaymentId, paymentAgain.PaymentId);
        Assert.False(paymentAgain.Created);
        Assert.Single(h.Sandbox.Inspect.Records("account.payment"));
        var invoice = await h.Accounting.GetInvoiceAsync(posted.InvoiceId);
        Assert.Contains(invoice.PaymentState, new[] { "paid", "in_payment" });
        var stripe = Assert.Single(h.Where("account.journal", "code", "STRP"));
        Assert.Equal(Convert.ToInt64(stripe["id"]), Convert.ToInt64(h.Get("account.payment", payment.PaymentId)["journal_id"]));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Invoicing_an_order_with_nothing_to_invoice_is_a_business_error(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("10101", OdooHarness.Customer("jacket"), new SaleOrderLineRequest("JACKET-RAIN-M", 1, 129m)) with { Shipping = null });
        await h.Sales.ConfirmSaleOrderAsync(order.OrderId);

        var error = await Assert.ThrowsAsync<OdooBusinessException>(() => h.Accounting.CreateInvoiceAsync(order.OrderId));

        Assert.Contains("No items are available to invoice", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Where("account.move", "move_type", "out_invoice"));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_partial_credit_note_is_created_posted_and_refunded_once_even_when_replies_are_lost(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var (order, invoice) = await h.PaidOrderAsync("10201");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "account.move.reversal", "refund_moves");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "account.move", "write");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "account.payment.register", "action_create_payments");

        var credit = await h.Accounting.CreateCreditNoteAsync(new CreditNoteRequest(invoice.InvoiceId, "RMA-10201", "Customer return") { Lines = [new("TEE-BLK-M", 1)] });
        var creditAgain = await h.Accounting.CreateCreditNoteAsync(new CreditNoteRequest(invoice.InvoiceId, "RMA-10201", "Customer return") { Lines = [new("TEE-BLK-M", 1)] });
        var refund = await h.Accounting.RegisterRefundAsync(new PaymentRequest(credit.InvoiceId, "stripe", "re_10201", credit.AmountTotal, Today));
        var refundAgain = await h.Accounting.RegisterRefundAsync(new PaymentRequest(credit.InvoiceId, "stripe", "re_10201", credit.AmountTotal, Today));

        Assert.Equal(0, h.Sandbox.Faults.ArmedCount);
        Assert.Equal(credit.InvoiceId, creditAgain.InvoiceId);
        Assert.False(creditAgain.Created);
        Assert.Equal("posted", credit.State);
        Assert.Equal("out_refund", credit.MoveType);
        Assert.StartsWith("RINV/", credit.Name, StringComparison.Ordinal);
        Assert.Equal(28.75m, credit.AmountTotal); // one tee, 25 + 15%
        Assert.Single(h.Where("account.move", "move_type", "out_refund"));
        Assert.Equal(refund.PaymentId, refundAgain.PaymentId);
        Assert.Equal(2, h.Sandbox.Inspect.Records("account.payment").Count);
        Assert.Equal("outbound", h.Get("account.payment", refund.PaymentId)["payment_type"]);
        Assert.Contains((await h.Accounting.GetInvoiceAsync(credit.InvoiceId)).PaymentState, new[] { "paid", "in_payment" });
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_full_credit_note_credits_the_whole_invoice(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var (_, invoice) = await h.PaidOrderAsync("10301");

        var credit = await h.Accounting.CreateCreditNoteAsync(new CreditNoteRequest(invoice.InvoiceId, "CANCEL-10301", "Order cancelled"));

        Assert.Equal(invoice.AmountTotal, credit.AmountTotal);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task The_whole_return_to_refund_flow_runs_end_to_end(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var (order, invoice) = await h.PaidOrderAsync("10401");

        var rma = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-10401", [new("HOODIE-GRY-M", 1)]));
        await h.Stock.ReceiveReturnAsync(new ReceiveReturnRequest(rma.PickingId, ReturnDisposition.Restock));
        var credit = await h.Accounting.CreateCreditNoteAsync(new CreditNoteRequest(invoice.InvoiceId, "RMA-10401", "Return") { Lines = [new("HOODIE-GRY-M", 1)] });
        await h.Accounting.RegisterRefundAsync(new PaymentRequest(credit.InvoiceId, "shopify", "rf_10401", credit.AmountTotal, Today));

        Assert.Equal(71.42m, credit.AmountTotal); // 69 - 10% = 62.10 + 15% = 71.415 -> 71.42
        var shop = Assert.Single(h.Where("account.journal", "code", "SHOP"));
        Assert.Single(h.Where("account.payment", "journal_id", shop["id"]!));
    }
}
