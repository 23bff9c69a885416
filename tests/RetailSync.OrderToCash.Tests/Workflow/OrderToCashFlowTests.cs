using RetailSync.Events;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.OrderToCash.Tests.Support;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Testing;

namespace RetailSync.OrderToCash.Tests.Workflow;

/// <summary>The workflow on the embedded runtime with the real activities and Odoo client against the sandbox.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrderToCashFlowTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Placed_paid_and_shipped_order_ends_confirmed_delivered_invoiced_and_paid_in_Odoo(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("1001");

        await harness.SendAsync(order, order.Placed(), order.Paid(), order.Shipped("SHP-1"));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        var saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Equal("sale", saleOrder.State);
        Assert.Equal(result.SaleOrderId, saleOrder.Id);
        Assert.Equal(saleOrder.Name, result.SaleOrderName);
        Assert.Equal("full", saleOrder.DeliveryStatus);
        Assert.Equal("invoiced", saleOrder.InvoiceStatus);
        Assert.Equal(OrderScenario.TotalOf(OrderScenario.DefaultLines), saleOrder.AmountTotal, 2);
        var picking = harness.Sandbox.Inspect.Picking((int)Assert.Single(result.PickingIds));
        Assert.Equal("done", picking.State);
        Assert.Equal("1ZSHP-1", picking.CarrierTrackingRef);
        var invoice = Assert.Single(harness.InvoicesOf(saleOrder));
        Assert.Equal("posted", invoice.State);
        Assert.Equal("paid", invoice.PaymentState);
        var payment = Assert.Single(harness.PaymentsFor(invoice));
        Assert.Equal("STRP", payment.JournalCode);
        Assert.Equal("pi_1001", payment.Memo);
        Assert.Equal(invoice.AmountTotal, result.AmountPaid);

        var odooId = await harness.CrossReferences.GetReferenceAsync(order.OrderKey, ReferenceSystems.OdooSaleOrder);
        Assert.Equal(saleOrder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), odooId);
        Assert.Equal(saleOrder.Name, await harness.CrossReferences.GetReferenceAsync(order.OrderKey, ReferenceSystems.OdooSaleOrderName));
        Assert.NotNull(await harness.CrossReferences.GetReferenceAsync(order.OrderKey, ReferenceSystems.OdooAccountMove));
        Assert.Equal(order.OrderKey, await harness.CrossReferences.FindBusinessKeyAsync(new ExternalReference(ReferenceSystems.PaymentReference, order.PaymentReference), "order"));
        Assert.Empty(await harness.ExceptionsOfAsync(order));
        var status = await harness.StatusAsync(order);
        Assert.Equal("completed", status!.Stage);
        Assert.Empty(status.WaitingFor);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Shipment_and_payment_before_the_order_wait_for_it_and_end_in_the_same_Odoo_state(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("1002");

        await harness.SendAsync(order, order.Shipped("SHP-1"), order.Paid());
        var waiting = await harness.StatusWhenAsync(order, s => s.Stage == "awaiting-order" && s.History.Count >= 2, "the instance waits for its order");
        Assert.Equal(["order"], waiting.WaitingFor);
        Assert.Empty(harness.SaleOrdersOf(order));

        await harness.SendAsync(order, order.Placed());
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        var saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Equal("full", saleOrder.DeliveryStatus);
        var invoice = Assert.Single(harness.InvoicesOf(saleOrder));
        Assert.Equal("paid", invoice.PaymentState);
        Assert.Single(harness.PaymentsFor(invoice));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Duplicates_of_every_event_change_nothing_in_Odoo(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("1003");
        var stale = order.Placed(id: "evt-placed-stale") with { IsStale = true };

        await harness.SendAsync(order,
            order.Shipped("SHP-1"), order.Shipped("SHP-1"), order.Shipped("SHP-1", id: "evt-ship-redelivered"),
            order.Paid(), order.Paid(), order.Paid(id: "evt-paid-redelivered"),
            stale, order.Placed(), order.Placed());
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        Assert.True(result.DuplicatesIgnored == 5, O2cHarness.Json(await harness.StatusAsync(order) ?? (object)result));
        Assert.Equal(1, result.StaleIgnored);
        var saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Single(saleOrder.PickingIds);
        var invoice = Assert.Single(harness.InvoicesOf(saleOrder));
        Assert.Single(harness.PaymentsFor(invoice));
        Assert.Equal(invoice.AmountTotal, result.AmountPaid);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Partial_shipment_leaves_a_backorder_and_the_second_shipment_completes_the_order(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("1004");

        await harness.SendAsync(order, order.Placed(), order.Paid(), order.Shipped("SHP-1", [new("TEE-BLK-M", 1)]));
        var partial = await harness.StatusWhenAsync(order, s => s.ShipmentsApplied == 1, "the first shipment is applied");
        Assert.False(partial.Delivered);
        Assert.Contains("shipment", partial.WaitingFor);
        var saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Equal(2, saleOrder.PickingIds.Count);
        Assert.Contains(saleOrder.PickingIds, id => harness.Sandbox.Inspect.Picking(id) is { State: "assigned", BackorderId: not null });

        await harness.SendAsync(order, order.Shipped("SHP-2", [new("TEE-BLK-M", 1), new("MUG-LOGO", 1)]));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(2, result.PickingIds.Count);
        Assert.All(result.PickingIds, id => Assert.Equal("done", harness.Sandbox.Inspect.Picking((int)id).State));
        saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Equal("full", saleOrder.DeliveryStatus);
        Assert.All(saleOrder.Lines.Where(l => l.Sku != "SHIP-STD"), l => Assert.Equal(l.Quantity, l.QtyDelivered));
        Assert.Single(harness.PaymentsFor(Assert.Single(harness.InvoicesOf(saleOrder))));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Cancellation_before_shipment_cancels_the_sale_order_in_Odoo(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("1005");

        await harness.SendAsync(order, order.Placed());
        await harness.StatusWhenAsync(order, s => s.Stage == "in-progress", "the order is confirmed");
        await harness.SendAsync(order, order.Cancelled());
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Cancelled, result.Outcome);
        var saleOrder = Assert.Single(harness.SaleOrdersOf(order));
        Assert.Equal("cancel", saleOrder.State);
        Assert.Empty(saleOrder.InvoiceIds);
        Assert.All(saleOrder.PickingIds, id => Assert.Equal("cancel", harness.Sandbox.Inspect.Picking(id).State));
        Assert.Empty(await harness.ExceptionsOfAsync(order));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Cancellation_of_a_paid_order_invoiced_on_delivery_records_the_refund_owed(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version, new() { ["OrderToCash:InvoicePolicy"] = "OnDelivery" });
        var order = new OrderScenario("1006");

        await harness.SendAsync(order, order.Placed(), order.Paid());
        await harness.StatusWhenAsync(order, s => s.Stage == "in-progress" && s.History.Any(h => h.Contains("captured", StringComparison.Ordinal)), "the payment is recorded");
        await harness.SendAsync(order, order.Cancelled());
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Cancelled, result.Outcome);
        Assert.Equal("cancel", Assert.Single(harness.SaleOrdersOf(order)).State);
        Assert.Empty(harness.Sandbox.Inspect.Payments());
        var refund = Assert.Single(await harness.ExceptionsOfAsync(order));
        Assert.Equal("refund-owed", refund.Kind);
        Assert.Contains("81.59", refund.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Cancellation_after_shipment_parks_for_the_return_path(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("1007");

        await harness.SendAsync(order, order.Placed(), order.Shipped("SHP-1"));
        await harness.StatusWhenAsync(order, s => s.Delivered, "the order is delivered");
        await harness.SendAsync(order, order.Cancelled());
        var parked = await harness.ParkedAsync(order, "cancel-after-shipment");
        Assert.Equal(["operator"], parked.WaitingFor);

        var resolved = await harness.Ops.ResolveAsync(order.InstanceId, new("cancel", "customer returns it"));
        Assert.Equal(RetailSync.Ops.Workflows.ResolveStatus.Accepted, resolved.Status);
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.CancelledAfterShipment, result.Outcome);
        Assert.Equal("sale", Assert.Single(harness.SaleOrdersOf(order)).State);
        var record = await harness.Exceptions.GetAsync(parked.Parked!.ExceptionId);
        Assert.Equal(Ledgers.Exceptions.ExceptionStatus.Resolved, record!.Status);
        Assert.Equal("Cancel: customer returns it", record.Resolution);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Shopify_order_paid_status_counts_as_the_capture_in_the_Shopify_journal_once(int version)
    {
        await using var harness = await O2cHarness.StartAsync(azurite, version);
        var order = new OrderScenario("1008");
        var paid = order.Order(financialStatus: "paid") with { PaymentReference = null, UpdatedAt = OrderScenario.At.AddMinutes(2) };

        await harness.SendAsync(order, order.Placed(), order.Placed(paid, id: "evt-orders-paid-1008"), order.Placed(paid, id: "evt-orders-paid-again-1008"), order.Shipped("SHP-1"));
        var result = await harness.CompletedAsync(order);

        Assert.Equal(OrderToCashOutcome.Completed, result.Outcome);
        var invoice = Assert.Single(harness.InvoicesOf(Assert.Single(harness.SaleOrdersOf(order))));
        var payment = Assert.Single(harness.PaymentsFor(invoice));
        Assert.Equal("SHOP", payment.JournalCode);
        Assert.Equal("1008", payment.Memo);
        Assert.Equal("paid", invoice.PaymentState);
    }
}
