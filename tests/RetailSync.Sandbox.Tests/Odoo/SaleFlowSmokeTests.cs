using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

public sealed class SaleFlowSmokeTests
{
    [Theory]
    [InlineData(17, "S00001")]
    [InlineData(18, "S00001 - EXT-1001")]
    public async Task Confirming_an_order_creates_a_reserved_delivery(int version, string origin)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);
        var partnerId = (int)(await odoo.OkAsync("res.partner", "create", """[{"name": "Ada Lovelace", "email": "ada@example.com"}]"""))!;
        var products = await odoo.OkAsync("product.product", "search_read", """[[["default_code", "in", ["TEE-BLK-M", "CAP-NVY"]]]]""", """{"fields": ["default_code", "list_price"], "order": "default_code"}""");
        var cap = (int)products![0]!["id"]!;
        var tee = (int)products[1]!["id"]!;

        var orderId = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": {{partnerId}}, "client_order_ref": "EXT-1001", "order_line": [[0, 0, {"product_id": {{tee}}, "product_uom_qty": 2, "price_unit": 25}], [0, 0, {"product_id": {{cap}}, "product_uom_qty": 1, "discount": 10}]]}]"""))!;
        var confirmed = await odoo.OkAsync("sale.order", "action_confirm", $"[[{orderId}]]");

        Assert.True((bool)confirmed!);
        var order = (await odoo.OkAsync("sale.order", "read", $"[[{orderId}], [\"name\", \"state\", \"amount_untaxed\", \"amount_tax\", \"amount_total\", \"picking_ids\", \"delivery_status\", \"invoice_status\"]]"))![0]!;
        Assert.Equal("S00001", (string?)order["name"]);
        Assert.Equal("sale", (string?)order["state"]);
        Assert.Equal(67.55m, (decimal)order["amount_untaxed"]!);
        Assert.Equal(10.13m, (decimal)order["amount_tax"]!);
        Assert.Equal(77.68m, (decimal)order["amount_total"]!);
        Assert.Equal("pending", (string?)order["delivery_status"]);
        Assert.Equal("to invoice", (string?)order["invoice_status"]);
        var pickingId = (int)order["picking_ids"]![0]!;
        var picking = (await odoo.OkAsync("stock.picking", "read", $"[[{pickingId}], [\"name\", \"origin\", \"state\", \"location_id\"]]"))![0]!;
        Assert.Equal("WH/OUT/00001", (string?)picking["name"]);
        Assert.Equal(origin, (string?)picking["origin"]);
        Assert.Equal("assigned", (string?)picking["state"]);
        Assert.Equal("[8,\"WH/Stock\"]", picking["location_id"]!.ToJsonString());
    }
}
