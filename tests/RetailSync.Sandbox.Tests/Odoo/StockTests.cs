using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

/// <summary>Returns into the location a disposition names, scrapping, and reservation against on-hand.</summary>
public sealed class StockTests
{
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task A_return_can_be_received_into_quarantine(int version)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);
        var (order, picking, hoodie) = await ShipAsync(odoo, "HOODIE-GRY-M", 2);
        var quarantine = (int)(await odoo.OkAsync("stock.location", "search", """[[["complete_name", "=", "WH/Quarantine"]]]"""))![0]!;
        var context = $$$"""{"context": {"active_id": {{{picking}}}, "active_ids": [{{{picking}}}], "active_model": "stock.picking"}}""";

        string wizardVals = version == 17 ? $$"""{"location_id": {{quarantine}}}""" : "{}";
        var wizard = (int)(await odoo.OkAsync("stock.return.picking", "create", $"[{wizardVals}]", context))!;
        var line = (await odoo.OkAsync("stock.return.picking.line", "search", $$"""[[["wizard_id", "=", {{wizard}}]]]"""))![0]!;
        await odoo.OkAsync("stock.return.picking.line", "write", $$"""[[{{(int)line}}], {"quantity": 1}]""");
        var action = await odoo.OkAsync("stock.return.picking", version == 17 ? "create_returns" : "action_create_returns", $"[[{wizard}]]", context);
        var incoming = (int)action!["res_id"]!;
        if (version != 17)
        {
            await odoo.OkAsync("stock.picking", "write", $$"""[[{{incoming}}], {"location_dest_id": {{quarantine}}}]""");
        }

        Assert.True((bool)(await odoo.OkAsync("stock.picking", "button_validate", $"[[{incoming}]]"))!);

        Assert.Equal(1m, sandbox.Inspect.OnHand("HOODIE-GRY-M", "WH/Quarantine"));
        Assert.Equal(18m, sandbox.Inspect.OnHand("HOODIE-GRY-M", "WH/Stock"));
        var receipt = sandbox.Inspect.Picking(incoming);
        Assert.Equal("Partners/Customers", receipt.SourceLocation);
        Assert.Equal("WH/Quarantine", receipt.DestinationLocation);
        Assert.Equal(picking, receipt.ReturnId);
        Assert.Equal(1m, sandbox.Inspect.SaleOrder(order).Lines.Single(l => l.ProductId == hoodie).QtyDelivered);
    }

    [Fact]
    public async Task Scrapping_moves_stock_to_the_scrap_location_or_warns_when_short()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18 });
        using var odoo = new RawOdoo(sandbox);
        var bag = await OrderToCashFlowTests.ProductIdAsync(odoo, "BAG-TOTE");

        var scrap = (int)(await odoo.OkAsync("stock.scrap", "create", $$"""[{"product_id": {{bag}}, "scrap_qty": 2, "location_id": 8, "origin": "RMA-7"}]"""))!;
        Assert.True((bool)(await odoo.OkAsync("stock.scrap", "action_validate", $"[[{scrap}]]"))!);

        Assert.Equal(1m, sandbox.Inspect.OnHand("BAG-TOTE"));
        var scrapMove = Assert.Single(sandbox.Inspect.Records("stock.move"), m => (bool)m["scrapped"]!);
        Assert.Equal("done", scrapMove["state"]);
        Assert.Equal(2m, scrapMove["quantity"]);
        Assert.Equal(9, scrapMove["location_dest_id"]);
        var read = await OrderToCashFlowTests.ReadAsync(odoo, "stock.scrap", scrap, "name", "state");
        Assert.Equal("SP/00001", (string?)read["name"]);
        Assert.Equal("done", (string?)read["state"]);

        var tooMuch = (int)(await odoo.OkAsync("stock.scrap", "create", $$"""[{"product_id": {{bag}}, "scrap_qty": 5}]"""))!;
        var warning = await odoo.OkAsync("stock.scrap", "action_validate", $"[[{tooMuch}]]");
        Assert.Equal("stock.warn.insufficient.qty.scrap", (string?)warning!["res_model"]);
        Assert.Equal(1m, sandbox.Inspect.OnHand("BAG-TOTE"));
    }

    [Fact]
    public async Task Reservation_never_exceeds_what_is_on_hand()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);
        var bag = await OrderToCashFlowTests.ProductIdAsync(odoo, "BAG-TOTE");
        var first = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{bag}}, "product_uom_qty": 2}]]}]"""))!;
        var second = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{bag}}, "product_uom_qty": 2}]]}]"""))!;

        await odoo.OkAsync("sale.order", "action_confirm", $"[[{first}, {second}]]");

        var pickings = sandbox.Inspect.Pickings();
        Assert.Equal(new[] { "assigned", "assigned" }, pickings.Select(p => p.State));
        Assert.Equal(new[] { 2m, 1m }, pickings.Select(p => p.Moves.Single().Quantity));
        Assert.Equal("partially_available", pickings[1].Moves.Single().State);
        Assert.Equal(3m, sandbox.Inspect.Quants().Single(q => q.Sku == "BAG-TOTE").ReservedQuantity);
    }

    [Fact]
    public async Task Lines_added_to_a_confirmed_order_join_its_open_delivery()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 17 });
        using var odoo = new RawOdoo(sandbox);
        var mug = await OrderToCashFlowTests.ProductIdAsync(odoo, "MUG-LOGO");
        var cap = await OrderToCashFlowTests.ProductIdAsync(odoo, "CAP-NVY");
        var order = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{mug}}, "product_uom_qty": 1}]]}]"""))!;
        await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]");
        var mugLine = sandbox.Inspect.SaleOrder(order).Lines.Single().Id;

        await odoo.OkAsync("sale.order", "write", $$"""[[{{order}}], {"order_line": [[0, 0, {"product_id": {{cap}}, "product_uom_qty": 2}], [1, {{mugLine}}, {"product_uom_qty": 4}]]}]""");

        var picking = Assert.Single(sandbox.Inspect.Pickings());
        Assert.Equal(new[] { ("MUG-LOGO", 4m), ("CAP-NVY", 2m) }, picking.Moves.Select(m => (m.Sku!, m.Demand)));
        Assert.All(picking.Moves, m => Assert.Equal("assigned", m.State));
    }

    [Fact]
    public async Task A_return_after_invoicing_a_delivery_policy_line_invoices_a_credit_note()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18 });
        using var odoo = new RawOdoo(sandbox);
        var (order, picking, _) = await ShipAsync(odoo, "JACKET-RAIN-M", 2);
        var invoiceWizard = (int)(await odoo.OkAsync("sale.advance.payment.inv", "create", "[{}]", $$$"""{"context": {"active_model": "sale.order", "active_ids": [{{{order}}}]}}"""))!;
        await odoo.OkAsync("sale.advance.payment.inv", "create_invoices", $"[[{invoiceWizard}]]");
        var context = $$$"""{"context": {"active_id": {{{picking}}}, "active_ids": [{{{picking}}}], "active_model": "stock.picking"}}""";
        var wizard = (int)(await odoo.OkAsync("stock.return.picking", "create", "[{}]", context))!;
        var action = await odoo.OkAsync("stock.return.picking", "action_create_returns_all", $"[[{wizard}]]", context);
        await odoo.OkAsync("stock.picking", "button_validate", $"[[{(int)action!["res_id"]!}]]");
        Assert.Equal("to invoice", sandbox.Inspect.SaleOrder(order).InvoiceStatus);

        var refundWizard = (int)(await odoo.OkAsync("sale.advance.payment.inv", "create", $$"""[{"sale_order_ids": [[6, 0, [{{order}}]]]}]"""))!;
        await odoo.OkAsync("sale.advance.payment.inv", "create_invoices", $"[[{refundWizard}]]");

        var moves = sandbox.Inspect.Invoices();
        Assert.Equal(new[] { "out_invoice", "out_refund" }, moves.Select(m => m.MoveType));
        Assert.Equal(2m, moves[1].Lines.Single().Quantity);
        Assert.Equal(0m, sandbox.Inspect.SaleOrder(order).Lines.Single().QtyInvoiced);
    }

    private static async Task<(int Order, int Picking, int Product)> ShipAsync(RawOdoo odoo, string sku, int quantity)
    {
        var product = await OrderToCashFlowTests.ProductIdAsync(odoo, sku);
        var order = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{product}}, "product_uom_qty": {{quantity}}}]]}]"""))!;
        await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]");
        var picking = (int)(await OrderToCashFlowTests.ReadAsync(odoo, "sale.order", order, "picking_ids"))["picking_ids"]![0]!;
        Assert.True((bool)(await odoo.OkAsync("stock.picking", "button_validate", $"[[{picking}]]"))!);
        return (order, picking, product);
    }
}
