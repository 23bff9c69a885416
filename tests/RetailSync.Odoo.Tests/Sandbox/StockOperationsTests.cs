using RetailSync.Sandbox.Odoo;

namespace RetailSync.Odoo.Tests.Sandbox;

public sealed class StockOperationsTests
{
    private static readonly ShippedQuantity[] AllShipped = OdooHarness.DefaultLines.Select(l => new ShippedQuantity(l.Sku, l.Quantity)).ToArray();

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_full_delivery_is_validated_with_its_tracking_reference_once_even_after_a_lost_reply(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ConfirmedOrderAsync(h, "8001");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "stock.picking", "button_validate");

        var result = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "1Z999", AllShipped));
        var again = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "1Z999", AllShipped));

        Assert.Equal(0, h.Sandbox.Faults.ArmedCount);
        Assert.Equal(result.PickingId, again.PickingId);
        Assert.True(again.AlreadyDone);
        Assert.Null(result.BackorderId);
        var picking = h.Get("stock.picking", result.PickingId);
        Assert.Equal("done", picking["state"]);
        Assert.Equal("1Z999", picking["carrier_tracking_ref"]);
        Assert.Single(h.Where("stock.picking", "sale_id", order.OrderId));
        Assert.Equal("full", (await h.Sales.GetSaleOrderStatusAsync(order.OrderId)).DeliveryStatus);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_partial_delivery_leaves_a_backorder_when_the_policy_says_so(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ConfirmedOrderAsync(h, "8101");

        var result = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-A", [new("TEE-BLK-M", 1), new("MUG-LOGO", 3)]));

        var backorder = h.Get("stock.picking", Assert.NotNull(result.BackorderId));
        Assert.Equal(result.PickingId, Convert.ToInt64(backorder["backorder_id"]));
        Assert.NotEqual("done", backorder["state"]);

        var rest = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-B", [new("TEE-BLK-M", 1), new("HOODIE-GRY-M", 1)]));
        Assert.Equal(result.BackorderId, rest.PickingId);
        Assert.Equal("full", (await h.Sales.GetSaleOrderStatusAsync(order.OrderId)).DeliveryStatus);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_partial_delivery_without_backorder_drops_the_rest(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ConfirmedOrderAsync(h, "8201");

        var result = await h.Stock.ValidateDeliveryAsync(
            new DeliveryRequest(order.OrderId, "TRK-C", [new("TEE-BLK-M", 2)]) { Backorder = BackorderPolicy.NoBackorder });

        Assert.Null(result.BackorderId);
        Assert.DoesNotContain(h.Where("stock.picking", "sale_id", order.OrderId), p => (string?)p["state"] != "done" && (string?)p["state"] != "cancel");
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Shipping_what_odoo_did_not_reserve_is_refused_unless_asked_for(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("8301", OdooHarness.Customer("sock"), new SaleOrderLineRequest("SOCK-3PK", 2, 22m)));
        await h.Sales.ConfirmSaleOrderAsync(order.OrderId);

        var refused = await Assert.ThrowsAsync<OdooBusinessException>(() =>
            h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-S", [new("SOCK-3PK", 2)])));
        Assert.Contains("no quantities are reserved", refused.Message, StringComparison.OrdinalIgnoreCase);

        var shipped = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-S", [new("SOCK-3PK", 2)]) { ShipUnreserved = true });
        Assert.Equal("done", h.Get("stock.picking", shipped.PickingId)["state"]);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_sku_not_on_the_delivery_is_refused(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ConfirmedOrderAsync(h, "8401");

        var error = await Assert.ThrowsAsync<OdooBusinessException>(() =>
            h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-X", [new("CAP-NVY", 1)])));

        Assert.Contains("CAP-NVY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_return_of_chosen_lines_is_created_once_even_when_every_reply_is_lost(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ShippedOrderAsync(h, "9001");
        var finish = version == 17 ? "create_returns" : "action_create_returns";
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "stock.return.picking", finish);
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "stock.picking", "write");

        var created = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-1", [new("TEE-BLK-M", 1), new("MUG-LOGO", 2)]));
        var again = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-1", [new("TEE-BLK-M", 1), new("MUG-LOGO", 2)]));

        Assert.Equal(0, h.Sandbox.Faults.ArmedCount);
        Assert.Equal(created.PickingId, again.PickingId);
        Assert.False(again.Created);
        var returns = h.Sandbox.Inspect.Records("stock.picking").Where(p => p["return_id"] is not null).ToList();
        var picking = Assert.Single(returns);
        Assert.Equal("RMA-1", picking["origin"]);
        Assert.StartsWith("WH/IN/", (string)picking["name"]!, StringComparison.Ordinal);
        var moves = h.Where("stock.move", "picking_id", created.PickingId);
        Assert.Equal(3m, moves.Sum(m => Convert.ToDecimal(m["product_uom_qty"])));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Returning_before_anything_shipped_is_refused(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ConfirmedOrderAsync(h, "9101");

        await Assert.ThrowsAsync<OdooBusinessException>(() => h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-X", [new("TEE-BLK-M", 1)])));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Returning_a_sku_that_was_not_delivered_is_refused_and_creates_nothing(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ShippedOrderAsync(h, "9151");

        var error = await Assert.ThrowsAsync<OdooBusinessException>(() =>
            h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-Y", [new("TEE-BLK-M", 1), new("CAP-NVY", 1)])));

        Assert.Contains("CAP-NVY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Sandbox.Inspect.Records("stock.picking"), p => p["return_id"] is not null);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_return_comes_from_the_delivery_that_shipped_the_sku_when_the_order_shipped_in_parts(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ConfirmedOrderAsync(h, "9161");
        var first = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-1", [new("TEE-BLK-M", 2), new("MUG-LOGO", 3)]));
        var second = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-2", [new("HOODIE-GRY-M", 1)]));

        var rma = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-P", [new("HOODIE-GRY-M", 1)]));

        Assert.Equal(first.BackorderId, second.PickingId);
        Assert.Equal(second.PickingId, Convert.ToInt64(h.Get("stock.picking", rma.PickingId)["return_id"]));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_return_spanning_several_deliveries_is_one_picking_with_each_unit_against_the_move_that_shipped_it(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ConfirmedOrderAsync(h, "9171");
        var first = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-1", [new("TEE-BLK-M", 1), new("MUG-LOGO", 3)]));
        var second = await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-2", [new("TEE-BLK-M", 1), new("HOODIE-GRY-M", 1)]));

        // Both tees (one per parcel), the hoodie of the second parcel and a mug of the first.
        var rma = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-S", [new("TEE-BLK-M", 2), new("HOODIE-GRY-M", 1), new("MUG-LOGO", 1)]));

        var moves = h.Where("stock.move", "picking_id", rma.PickingId);
        Assert.Equal(4, moves.Count);
        var origins = moves.Select(m => h.Get("stock.move", Convert.ToInt64(m["origin_returned_move_id"]))).ToList();
        Assert.Equal(
            [first.PickingId, first.PickingId, second.PickingId, second.PickingId],
            origins.Select(o => Convert.ToInt64(o["picking_id"])).Order().ToArray());
        Assert.Equal(4m, moves.Sum(m => Convert.ToDecimal(m["product_uom_qty"])));

        var receipt = await h.Stock.ReceiveReturnAsync(new ReceiveReturnRequest(rma.PickingId, ReturnDisposition.Restock));
        Assert.Equal("done", h.Get("stock.picking", receipt.PickingId)["state"]);

        // What came back is no longer returnable: a second return of a tee finds nothing left to take it from.
        var error = await Assert.ThrowsAsync<OdooBusinessException>(() => h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-T", [new("TEE-BLK-M", 1)])));
        Assert.Contains("TEE-BLK-M", error.Message, StringComparison.Ordinal);
        var more = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-U", [new("MUG-LOGO", 2)]));
        Assert.Equal(first.PickingId, Convert.ToInt64(h.Get("stock.picking", more.PickingId)["return_id"]));
    }

    [Theory]
    [InlineData(17, ReturnDisposition.Restock, "WH/Stock")]
    [InlineData(18, ReturnDisposition.Quarantine, "WH/Quarantine")]
    [InlineData(19, ReturnDisposition.VendorReturn, "WH/Vendor Returns")]
    [InlineData(18, ReturnDisposition.Restock, "WH/Stock")]
    [InlineData(19, ReturnDisposition.Quarantine, "WH/Quarantine")]
    [InlineData(17, ReturnDisposition.VendorReturn, "WH/Vendor Returns")]
    public async Task A_return_is_received_into_the_location_its_disposition_names(int version, ReturnDisposition disposition, string location)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ShippedOrderAsync(h, "9201");
        var rma = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-2", [new("TEE-BLK-M", 2)]));
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "stock.picking", "button_validate");

        var receipt = await h.Stock.ReceiveReturnAsync(new ReceiveReturnRequest(rma.PickingId, disposition));

        Assert.Equal(0, h.Sandbox.Faults.ArmedCount);
        var picking = h.Get("stock.picking", rma.PickingId);
        Assert.Equal("done", picking["state"]);
        var target = Assert.Single(h.Where("stock.location", "complete_name", location));
        Assert.Equal(Convert.ToInt64(target["id"]), receipt.LocationId);
        Assert.All(h.Where("stock.move", "picking_id", rma.PickingId), m => Assert.Equal(Convert.ToInt64(target["id"]), Convert.ToInt64(m["location_dest_id"])));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_scrapped_return_is_received_and_scrapped_once(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await ShippedOrderAsync(h, "9301");
        var rma = await h.Stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-3", [new("MUG-LOGO", 1)]));
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "stock.scrap", "action_validate");

        var receipt = await h.Stock.ReceiveReturnAsync(new ReceiveReturnRequest(rma.PickingId, ReturnDisposition.Scrap));
        var again = await h.Stock.ReceiveReturnAsync(new ReceiveReturnRequest(rma.PickingId, ReturnDisposition.Scrap));

        var scrap = Assert.Single(h.Sandbox.Inspect.Records("stock.scrap"));
        Assert.Equal("done", scrap["state"]);
        Assert.Equal(1m, Convert.ToDecimal(scrap["scrap_qty"]));
        Assert.Equal(receipt.ScrapIds, again.ScrapIds);
        Assert.True(again.AlreadyDone);
    }

    internal static async Task<SaleOrderRef> ConfirmedOrderAsync(OdooHarness h, string id)
    {
        var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order(id, OdooHarness.Customer("c-" + id)));
        await h.Sales.ConfirmSaleOrderAsync(order.OrderId);
        return order;
    }

    internal static async Task<SaleOrderRef> ShippedOrderAsync(OdooHarness h, string id)
    {
        var order = await ConfirmedOrderAsync(h, id);
        await h.Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-" + id, AllShipped));
        return order;
    }
}
