using RetailSync.Events;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Ops.Workflows;
using RetailSync.OrderToCash.Tests.Support;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Sandbox.Odoo;
using RetailSync.Testing;

namespace RetailSync.OrderToCash.Tests.Workflow;

/// <summary>Problems park the order with an exception record; the operator's decision through the ops handler resumes it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ParkingTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Unknown_SKU_parks_and_an_operator_retry_after_the_SKU_is_created_completes_the_order(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("2001");
        OrderLine[] lines = [new("1", "TEE-BLK-M", "Organic Tee Black M", 1, 25.00m, 0m, 3.75m), new("2", "NEW-SKU-2001", "Brand new thing", 2, 10.00m, 0m, 3.00m)];

        await harness.SendAsync(order, order.Placed(order.Order(lines)), order.Paid(OrderScenario.TotalOf(lines)));
        var parked = await harness.ParkedAsync(order, "unknown-sku");
        Assert.Equal("resolve-skus", parked.Parked!.Step);
        Assert.Equal(["operator"], parked.WaitingFor);
        Assert.Empty(harness.SaleOrdersOf(order));
        var record = await harness.Exceptions.GetAsync(parked.Parked.ExceptionId);
        Assert.Equal(ExceptionStatus.Open, record!.Status);
        Assert.Contains("NEW-SKU-2001", record.Reason, StringComparison.Ordinal);
        Assert.Equal(order.InstanceId, record.InstanceId);
        Assert.Contains("NEW-SKU-2001", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.NotNull(record.OdooResponse);
        Assert.Contains((await harness.Services.GetRequiredServiceAsync<RetailSync.Ops.Exceptions.ExceptionOpsHandler>().ListOpenAsync(200)).Items, r => r.Id == record.Id);

        await harness.Odoo.CreateAsync("product.product", new Dictionary<string, object?>
        {
            ["name"] = "Brand new thing",
            ["default_code"] = "NEW-SKU-2001",
            ["list_price"] = 10.00m,
            ["type"] = "consu",
        });
        var resolved = await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("retry", "SKU created in Odoo", ResolvedBy: "ops@example.com"));
        Assert.Equal(ResolveStatus.Accepted, resolved.Status);
        await harness.SendAsync(order, order.Shipped("SHP-1", [new("TEE-BLK-M", 1), new("NEW-SKU-2001", 2)]));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        var saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Contains(saleOrder.Lines, l => l.Sku == "NEW-SKU-2001" && l.QtyDelivered == 2);
        Assert.Single(harness.PaymentsFor(Assert.Single(harness.InvoicesOf(saleOrder))));
        record = await harness.Exceptions.GetAsync(parked.Parked.ExceptionId);
        Assert.Equal(ExceptionStatus.Resolved, record!.Status);
        Assert.Equal("Retry: SKU created in Odoo", record.Resolution);
        Assert.Equal("ops@example.com", record.ResolvedBy);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Customer_conflict_parks_until_an_operator_marks_the_right_partner_and_retries(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("2010");
        var email = $"buyer{order.OrderId}@example.com";
        var right = await harness.Odoo.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Ada Buyer", ["email"] = email });
        var other = await harness.Odoo.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Ada B. (old account)", ["email"] = email, ["ref"] = "pos:ada" });

        await harness.SendAsync(order, order.Placed(), order.Paid());
        var parked = await harness.ParkedAsync(order, "customer-conflict");
        Assert.Equal("ensure-customer", parked.Parked!.Step);
        Assert.Empty(harness.SaleOrdersOf(order));
        var record = await harness.Exceptions.GetAsync(parked.Parked.ExceptionId);
        Assert.Contains(right.ToString(System.Globalization.CultureInfo.InvariantCulture), record!.Reason, StringComparison.Ordinal);
        Assert.Contains(other.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Reason, StringComparison.Ordinal);

        await harness.Odoo.WriteAsync("res.partner", [right], new Dictionary<string, object?> { ["ref"] = $"shopify:cust-{order.OrderId}" });
        Assert.Equal(ResolveStatus.Accepted, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("retry", "partner reference set"))).Status);
        await harness.SendAsync(order, order.Shipped("SHP-1"));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        Assert.Equal(right, Assert.Single(harness.SaleOrdersOf(order)).PartnerId);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Odoo_business_error_parks_and_skip_step_carries_on_with_the_next_event(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("2002");

        await harness.SendAsync(order, order.Placed(), order.Paid(), order.Shipped("SHP-X", [new("CAP-NVY", 1)]));
        var parked = await harness.ParkedAsync(order, "odoo-business-error");
        Assert.Equal("validate-delivery", parked.Parked!.Step);
        Assert.Contains("CAP-NVY", parked.Parked.Reason, StringComparison.Ordinal);
        var record = await harness.Exceptions.GetAsync(parked.Parked.ExceptionId);
        Assert.Contains("CAP-NVY", record!.OdooResponse, StringComparison.Ordinal);

        Assert.Equal(ResolveStatus.Accepted, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("skip-step"))).Status);
        await harness.SendAsync(order, order.Shipped("SHP-1"));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        var picking = harness.Sandbox.Inspect.Picking((int)Assert.Single(result.PickingIds));
        Assert.Equal("1ZSHP-1", picking.CarrierTrackingRef);
        Assert.Contains(parked.Parked.ExceptionId, result.ExceptionIds);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Totals_beyond_the_tolerance_park_before_confirmation_and_skip_step_accepts_Odoo_totals(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("2003");

        await harness.SendAsync(order, order.Placed(order.Order(total: 90.00m)));
        var parked = await harness.ParkedAsync(order, "totals-mismatch");
        Assert.Equal("check-totals", parked.Parked!.Step);
        Assert.Equal("draft", Assert.Single(harness.SaleOrdersOf(order)).State);
        Assert.Contains("81.59", parked.Parked.Reason, StringComparison.Ordinal);

        Assert.Equal(ResolveStatus.Accepted, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("skip-step"))).Status);
        await harness.StatusWhenAsync(order, s => s.Stage == "in-progress", "the order is confirmed");
        Assert.Equal("sale", Assert.Single(harness.SaleOrdersOf(order)).State);
        await harness.SendAsync(order, order.Paid(), order.Shipped("SHP-1"));
        Assert.Equal(OrderToCashOutcome.Completed, (await harness.CompletedAsync(order)).Outcome);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Operator_cancel_of_a_parked_order_cancels_it_in_Odoo(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("2004");

        await harness.SendAsync(order, order.Placed(order.Order(total: 99.00m)));
        await harness.ParkedAsync(order, "totals-mismatch");
        Assert.Equal(ResolveStatus.Accepted, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("cancel"))).Status);
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.CancelledByOperator, result.Outcome);
        Assert.Equal("cancel", Assert.Single(harness.SaleOrdersOf(order)).State);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Replies_lost_after_commit_and_server_errors_still_leave_one_order_invoice_and_payment(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("2005");
        var faults = harness.Sandbox.Faults;
        faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "res.partner", "create");
        faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "sale.order", "create");
        faults.Arm(OdooFaultKind.ServerError, "sale.order", "action_confirm", times: 2);
        faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "sale.order", "action_confirm");
        faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "sale.advance.payment.inv", "create_invoices");
        faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "account.move", "action_post");
        faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "account.payment.register", "action_create_payments");
        faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "stock.picking", "button_validate");
        faults.Arm(OdooFaultKind.SerializationFailure, "account.payment.register", "create");

        await harness.SendAsync(order, order.Placed(), order.Paid(), order.Shipped("SHP-1"));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        Assert.Equal(0, faults.ArmedCount);
        var saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Single(harness.Sandbox.Inspect.Records("res.partner"), p => Equals(p["ref"], "shopify:cust-2005"));
        Assert.Equal("full", saleOrder.DeliveryStatus);
        var invoice = Assert.Single(harness.Sandbox.Inspect.Invoices());
        Assert.Equal("paid", invoice.PaymentState);
        Assert.Single(harness.Sandbox.Inspect.Payments());
        Assert.Empty(await harness.ExceptionsOfAsync(order));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Odoo_outage_that_outlasts_the_retry_policy_parks_and_an_operator_retry_resumes(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version, odoo: o => o.CircuitBreaker.MinimumThroughput = 1000);
        var order = new OrderScenario("2006");
        harness.Sandbox.Faults.ServerErrorRate = 1.0;

        await harness.SendAsync(order, order.Placed(), order.Paid(), order.Shipped("SHP-1"));
        var parked = await harness.ParkedAsync(order, "odoo-unavailable");
        Assert.Equal("resolve-skus", parked.Parked!.Step);
        Assert.True(harness.Sandbox.CallCount >= 4, "the activity was retried before parking");
        Assert.Empty(harness.SaleOrdersOf(order));

        harness.Sandbox.Faults.ServerErrorRate = 0;
        Assert.Equal(ResolveStatus.Accepted, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("retry"))).Status);
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        Assert.Single(harness.PaymentsFor(Assert.Single(harness.InvoicesOf(Assert.Single(harness.SaleOrdersOf(order))))));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Brief_transient_failures_are_retried_by_policy_without_parking(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version, odoo: o => o.Retry.MaxRetryAttempts = 0);
        var order = new OrderScenario("2007");
        harness.Sandbox.Faults.Arm(OdooFaultKind.ServerError, "product.product", "search_read", times: 2);
        harness.Sandbox.Faults.Arm(OdooFaultKind.ServerError, "sale.order", "read", times: 2);

        await harness.SendAsync(order, order.Placed(), order.Paid(), order.Shipped("SHP-1"));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        Assert.Equal(0, harness.Sandbox.Faults.ArmedCount);
        Assert.Empty(await harness.ExceptionsOfAsync(order));
        Assert.DoesNotContain((await harness.StatusAsync(order))!.History, h => h.Contains("parked", StringComparison.Ordinal));
    }
}
