using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

/// <summary>The generic ORM methods: domains, paging, ordering, x2many commands, refusals and transactions.</summary>
public sealed class OrmTests : IAsyncLifetime, IDisposable
{
    private OdooSandbox _sandbox = null!;
    private RawOdoo _odoo = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18 });
        _odoo = new RawOdoo(_sandbox);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _odoo.Dispose();

    [Theory]
    [InlineData("""[["default_code", "in", ["MUG-LOGO", "CAP-NVY"]]]""", "CAP-NVY,MUG-LOGO")]
    [InlineData("""["|", ["default_code", "=", "MUG-LOGO"], ["default_code", "=like", "TEE-BLK-%"]]""", "MUG-LOGO,TEE-BLK-L,TEE-BLK-M,TEE-BLK-S")]
    [InlineData("""[["name", "ilike", "hoodie"], "!", ["default_code", "=", "HOODIE-GRY-L"]]""", "HOODIE-GRY-M")]
    [InlineData("""[["list_price", ">", 60], ["list_price", "<", 100]]""", "HOODIE-GRY-L,HOODIE-GRY-M")]
    [InlineData("""[["default_code", "not in", ["SHIP-STD"]], ["type", "=", "service"]]""", "")]
    [InlineData("""[["taxes_id.amount", "=", 15], ["default_code", "like", "SOCK"]]""", "SOCK-3PK")]
    [InlineData("""[["product_tmpl_id.invoice_policy", "=", "delivery"]]""", "JACKET-RAIN-M")]
    public async Task Domains_select_what_Odoo_would(string domain, string expected)
    {
        var rows = await _odoo.OkAsync("product.product", "search_read", $"[{domain}]", """{"fields": ["default_code"], "order": "default_code asc"}""");

        Assert.Equal(expected, string.Join(",", rows!.AsArray().Select(r => (string?)r!["default_code"])));
    }

    [Fact]
    public async Task Limit_offset_order_and_count_page_through_results()
    {
        var page = await _odoo.OkAsync("product.product", "search_read", """[[["default_code", "like", "TEE"]]]""", """{"fields": ["default_code"], "order": "default_code desc", "limit": 2, "offset": 1}""");
        var count = await _odoo.OkAsync("product.product", "search_count", """[[["default_code", "like", "TEE"]]]""");

        Assert.Equal(new[] { "TEE-BLK-S", "TEE-BLK-M" }, page!.AsArray().Select(r => (string?)r!["default_code"]));
        Assert.Equal(4, (int)count!);
    }

    [Fact]
    public async Task Read_answers_many2one_as_id_and_name_and_empty_values_as_false()
    {
        var partner = (int)(await _odoo.OkAsync("res.partner", "create", """[{"name": "Mary Jackson", "country_id": 1}]"""))!;

        var row = (await _odoo.OkAsync("res.partner", "read", $"[[{partner}], [\"country_id\", \"email\", \"parent_id\", \"child_ids\", \"customer_rank\"]]"))![0]!;

        Assert.Equal($$"""{"id":{{partner}},"country_id":[1,"United States"],"email":false,"parent_id":false,"child_ids":[],"customer_rank":0}""", row.ToJsonString());
    }

    [Fact]
    public async Task Unknown_fields_and_wrong_selection_values_are_refused()
    {
        var field = await _odoo.FailAsync("sale.order", "create", """[{"partner_id": 3, "x_channel": "shopify"}]""");
        var read = await _odoo.FailAsync("res.partner", "search_read", "[[]]", """{"fields": ["nope"]}""");
        var domain = await _odoo.FailAsync("res.partner", "search", """[[["nope", "=", 1]]]""");
        var selection = await _odoo.FailAsync("res.partner", "create", """[{"name": "X", "type": "private"}]""");

        Assert.Equal("Invalid field 'x_channel' on model 'sale.order'", (string?)field["message"]);
        Assert.Equal("builtins.ValueError", (string?)read["name"]);
        Assert.Equal("Invalid field 'nope' on model 'res.partner'", (string?)domain["message"]);
        Assert.Equal("Wrong value for res.partner.type: 'private'", (string?)selection["message"]);
    }

    [Fact]
    public async Task One2many_commands_create_update_and_replace_lines()
    {
        var mug = await OrderToCashFlowTests.ProductIdAsync(_odoo, "MUG-LOGO");
        var cap = await OrderToCashFlowTests.ProductIdAsync(_odoo, "CAP-NVY");
        var order = (int)(await _odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{mug}}, "product_uom_qty": 1}], [0, 0, {"product_id": {{cap}}}]]}]"""))!;
        var lines = _sandbox.Inspect.SaleOrder(order).Lines;

        await _odoo.OkAsync("sale.order", "write", $$"""[[{{order}}], {"order_line": [[1, {{lines[0].Id}}, {"product_uom_qty": 3, "discount": 50}], [2, {{lines[1].Id}}, 0]]}]""");

        var updated = _sandbox.Inspect.SaleOrder(order);
        var line = Assert.Single(updated.Lines);
        Assert.Equal(3m, line.Quantity);
        Assert.Equal(21m, updated.AmountUntaxed);
        Assert.Equal(24.15m, updated.AmountTotal);
        var tax = await _odoo.OkAsync("sale.order.line", "read", $"[[{line.Id}], [\"tax_id\"]]");
        Assert.Equal("[1]", tax![0]!["tax_id"]!.ToJsonString());
    }

    [Fact]
    public async Task A_failing_call_commits_nothing()
    {
        var mug = await OrderToCashFlowTests.ProductIdAsync(_odoo, "MUG-LOGO");

        var error = await _odoo.FailAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{mug}}}], [0, 0, {"product_id": 999}]]}]""");

        Assert.Equal("odoo.exceptions.MissingError", (string?)error["name"]);
        Assert.Equal(0, _sandbox.Inspect.Count("sale.order"));
        Assert.Equal(0, _sandbox.Inspect.Count("sale.order.line"));
        var order = (int)(await _odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{mug}}}]]}]"""))!;
        Assert.Equal("S00001", _sandbox.Inspect.SaleOrder(order).Name);
    }

    [Fact]
    public async Task Missing_records_unknown_models_methods_and_arguments_are_refused_as_Odoo_does()
    {
        var missing = await _odoo.FailAsync("sale.order", "read", "[[4242]]");
        var model = await _odoo.FailAsync("no.such.model", "search", "[[]]");
        var method = await _odoo.FailAsync("sale.order", "action_frobnicate", "[[1]]");
        var kwarg = await _odoo.FailAsync("res.partner", "search", "[[]]", """{"bogus": 1}""");

        Assert.Equal("odoo.exceptions.MissingError", (string?)missing["name"]);
        Assert.StartsWith("Record does not exist or has been deleted.", (string?)missing["message"]);
        Assert.Equal("Object no.such.model doesn't exist", (string?)model["message"]);
        Assert.Equal("builtins.AttributeError", (string?)method["name"]);
        Assert.Equal("The method 'sale.order.action_frobnicate' does not exist", (string?)method["message"]);
        Assert.Equal("builtins.TypeError", (string?)kwarg["name"]);
    }

    [Fact]
    public async Task Archived_records_are_hidden_unless_active_is_searched()
    {
        var partner = (int)(await _odoo.OkAsync("res.partner", "create", """[{"name": "Archived Customer", "active": false}]"""))!;

        var hidden = await _odoo.OkAsync("res.partner", "search", """[[["name", "=", "Archived Customer"]]]""");
        var shown = await _odoo.OkAsync("res.partner", "search", """[[["name", "=", "Archived Customer"], ["active", "in", [true, false]]]]""");

        Assert.Empty(hidden!.AsArray());
        Assert.Equal(partner, (int)shown![0]!);
    }
}
