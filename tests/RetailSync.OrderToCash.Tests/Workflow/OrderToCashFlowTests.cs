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
}
