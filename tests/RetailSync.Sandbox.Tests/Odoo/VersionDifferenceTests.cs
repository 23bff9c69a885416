using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

/// <summary>Where Odoo 17 and 18 answer differently, the sandbox does too.</summary>
public sealed class VersionDifferenceTests
{
    [Fact]
    public async Task Fields_get_of_is_storable_is_empty_on_17_and_describes_a_boolean_on_18()
    {
        await using var v17 = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 17 });
        await using var v18 = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18 });
        using var odoo17 = new RawOdoo(v17);
        using var odoo18 = new RawOdoo(v18);

        var on17 = await odoo17.OkAsync("product.template", "fields_get", """[["is_storable"]]""", """{"attributes": ["type"]}""");
        var on18 = await odoo18.OkAsync("product.template", "fields_get", """[["is_storable"]]""", """{"attributes": ["type"]}""");

        Assert.Equal("{}", on17!.ToJsonString());
        Assert.Equal("""{"is_storable":{"type":"boolean"}}""", on18!.ToJsonString());
    }

    [Fact]
    public async Task Stocked_products_are_type_product_on_17_and_consu_plus_is_storable_on_18()
    {
        await using var v17 = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 17 });
        await using var v18 = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18 });
        using var odoo17 = new RawOdoo(v17);
        using var odoo18 = new RawOdoo(v18);

        var created17 = await odoo17.OkAsync("product.product", "create", """[{"name": "Scarf", "default_code": "SCARF", "detailed_type": "product"}]""");
        var read17 = await odoo17.OkAsync("product.product", "read", $"[[{(int)created17!}], [\"type\", \"detailed_type\"]]");
        Assert.Equal("product", (string?)read17![0]!["type"]);
        var storable17 = await odoo17.FailAsync("product.product", "create", """[{"name": "Scarf", "type": "consu", "is_storable": true}]""");
        Assert.Equal("builtins.ValueError", (string?)storable17["name"]);
        Assert.Equal("Invalid field 'is_storable' on model 'product.product'", (string?)storable17["message"]);

        var wrong18 = await odoo18.FailAsync("product.product", "create", """[{"name": "Scarf", "type": "product"}]""");
        Assert.Equal("builtins.ValueError", (string?)wrong18["name"]);
        Assert.Equal("Wrong value for product.template.type: 'product'", (string?)wrong18["message"]);
        var detailed18 = await odoo18.FailAsync("product.template", "create", """[{"name": "Scarf", "detailed_type": "product"}]""");
        Assert.Equal("Invalid field 'detailed_type' on model 'product.template'", (string?)detailed18["message"]);
        var created18 = (int)(await odoo18.OkAsync("product.product", "create", """[{"name": "Scarf", "default_code": "SCARF", "type": "consu", "is_storable": true}]"""))!;
        var quant = await odoo18.OkAsync("stock.quant", "create", $$"""[[{"product_id": {{created18}}, "location_id": 8, "inventory_quantity": 5}]]""", """{"context": {"inventory_mode": true}}""");
        Assert.Single(quant!.AsArray());
    }

    [Fact]
    public async Task Quants_cannot_be_created_for_consumables()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18 });
        using var odoo = new RawOdoo(sandbox);
        var wrap = await OrderToCashFlowTests.ProductIdAsync(odoo, "GIFT-WRAP");

        var error = await odoo.FailAsync("stock.quant", "create", $$"""[{"product_id": {{wrap}}, "location_id": 8, "inventory_quantity": 5}]""", """{"context": {"inventory_mode": true}}""");

        Assert.Equal("odoo.exceptions.UserError", (string?)error["name"]);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Cancelling_a_confirmed_order_needs_the_wizard_or_disable_cancel_warning(int version)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);
        var cap = await OrderToCashFlowTests.ProductIdAsync(odoo, "CAP-NVY");
        var order = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{cap}}, "product_uom_qty": 4}]]}]"""))!;
        await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]");
        Assert.Equal(4m, sandbox.Inspect.Quants().Single(q => q.Sku == "CAP-NVY").ReservedQuantity);

        var action = await odoo.OkAsync("sale.order", "action_cancel", $"[[{order}]]");

        Assert.Equal("sale.order.cancel", (string?)action!["res_model"]);
        Assert.Equal("sale", sandbox.Inspect.SaleOrder(order).State);
        var wizard = (int)(await odoo.OkAsync("sale.order.cancel", "create", "[{}]", $$"""{"context": {{action["context"]!.ToJsonString()}}}"""))!;
        Assert.True((bool)(await odoo.OkAsync("sale.order.cancel", "action_cancel", $"[[{wizard}]]"))!);
        Assert.Equal("cancel", sandbox.Inspect.SaleOrder(order).State);
        Assert.All(sandbox.Inspect.Pickings(), p => Assert.Equal("cancel", p.State));
        Assert.Equal(0m, sandbox.Inspect.Quants().Single(q => q.Sku == "CAP-NVY").ReservedQuantity);

        var second = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{cap}}, "product_uom_qty": 1}]]}]"""))!;
        await odoo.OkAsync("sale.order", "action_confirm", $"[[{second}]]");
        Assert.True((bool)(await odoo.OkAsync("sale.order", "action_cancel", $"[[{second}]]", """{"context": {"disable_cancel_warning": true}}"""))!);
        Assert.Equal("cancel", sandbox.Inspect.SaleOrder(second).State);
        var again = await odoo.FailAsync("sale.order", "action_confirm", $"[[{second}]]");
        Assert.Equal("It is not allowed to confirm an order in the following states: Cancelled", (string?)again["message"]);
    }

    [Theory]
    [InlineData(17, "not_paid", "posted")]
    [InlineData(18, "not_paid", "paid")]
    public async Task Payment_states_follow_the_version(int version, string invoiceState, string paymentState)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);
        var mug = await OrderToCashFlowTests.ProductIdAsync(odoo, "MUG-LOGO");
        var invoice = (int)(await odoo.OkAsync("account.move", "create", $$"""[{"move_type": "out_invoice", "partner_id": 3, "invoice_line_ids": [[0, 0, {"product_id": {{mug}}, "quantity": 2}]]}]"""))!;
        await odoo.OkAsync("account.move", "action_post", $"[[{invoice}]]");
        Assert.Equal(invoiceState, sandbox.Inspect.Invoice(invoice).PaymentState);
        var context = $$$"""{"context": {"active_model": "account.move", "active_ids": [{{{invoice}}}]}}""";
        var half = (int)(await odoo.OkAsync("account.payment.register", "create", """[{"amount": 10}]""", context))!;
        await odoo.OkAsync("account.payment.register", "action_create_payments", $"[[{half}]]", context);
        Assert.Equal("partial", sandbox.Inspect.Invoice(invoice).PaymentState);
        Assert.Equal(22.2m, sandbox.Inspect.Invoice(invoice).AmountResidual);

        var rest = (int)(await odoo.OkAsync("account.payment.register", "create", "[{}]", context))!;
        var result = await odoo.OkAsync("account.payment.register", "action_create_payments", $"[[{rest}]]", """{"context": {"active_model": "account.move", "dont_redirect_to_payments": true}}""");

        Assert.True((bool)result!);
        Assert.Equal("paid", sandbox.Inspect.Invoice(invoice).PaymentState);
        Assert.All(sandbox.Inspect.Payments(), p => Assert.Equal(paymentState, p.State));
        Assert.Equal(new[] { 10m, 22.2m }, sandbox.Inspect.Payments().Select(p => p.Amount));
        var nothingLeft = await odoo.FailAsync("account.payment.register", "create", "[{}]", context);
        Assert.Equal("odoo.exceptions.UserError", (string?)nothingLeft["name"]);
    }
}
