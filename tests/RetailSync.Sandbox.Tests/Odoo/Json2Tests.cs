using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

/// <summary>Odoo 19's JSON-2 endpoint: bare results, HTTP status errors with name/message/arguments/debug.</summary>
public sealed class Json2Tests : IAsyncLifetime, IDisposable
{
    private OdooSandbox _sandbox = null!;
    private RawOdoo _odoo = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 19 });
        _odoo = new RawOdoo(_sandbox);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _odoo.Dispose();

    [Fact]
    public async Task Search_read_answers_the_bare_result()
    {
        var (status, body) = await _odoo.Json2Async("product.product", "search_read", """{"domain": [["default_code", "=", "MUG-LOGO"]], "fields": ["default_code", "list_price"], "context": {"lang": "en_US"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var row = Assert.Single(body!.AsArray())!;
        Assert.Equal("MUG-LOGO", (string?)row["default_code"]);
        Assert.Equal(14m, (decimal)row["list_price"]!);
    }

    [Fact]
    public async Task Create_answers_a_list_of_ids_and_record_methods_take_ids_in_the_body()
    {
        var (status, body) = await _odoo.Json2Async("res.partner", "create", """{"vals_list": [{"name": "JSON Two"}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var id = (int)Assert.Single(body!.AsArray())!;

        var (writeStatus, written) = await _odoo.Json2Async("res.partner", "write", $$$"""{"ids": [{{{id}}}], "vals": {"email": "two@example.com"}}""");
        var (_, read) = await _odoo.Json2Async("res.partner", "read", $$"""{"ids": [{{id}}], "fields": ["email"]}""");

        Assert.Equal(HttpStatusCode.OK, writeStatus);
        Assert.True((bool)written!);
        Assert.Equal("two@example.com", (string?)read![0]!["email"]);
    }

    [Fact]
    public async Task A_method_returning_None_answers_null()
    {
        var (_, ids) = await _odoo.Json2Async("product.product", "search", """{"domain": [["default_code", "=", "SOCK-3PK"]]}""");
        var product = (int)ids![0]!;
        var (_, quant) = await _odoo.Json2Async("stock.quant", "create", $$$"""{"vals_list": [{"product_id": {{{product}}}, "location_id": 8, "inventory_quantity": 4}], "context": {"inventory_mode": true}}""");

        using var request = new HttpRequestMessage(HttpMethod.Post, "json/2/stock.quant/action_apply_inventory")
        {
            Content = new StringContent($$"""{"ids": {{quant!.ToJsonString()}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", $"bearer {_odoo.Key}");
        using var response = await _odoo.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("null", await response.Content.ReadAsStringAsync());
        Assert.Equal(4m, _sandbox.Inspect.OnHand("SOCK-3PK"));
    }

    [Fact]
    public async Task A_wrong_key_is_401_with_the_werkzeug_error()
    {
        var (status, body) = await _odoo.Json2Async("res.partner", "search", """{"domain": []}""", key: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("werkzeug.exceptions.Unauthorized", (string?)body!["name"]);
        Assert.Equal("Invalid apikey", (string?)body["message"]);
        Assert.Equal("""["Invalid apikey",401]""", body["arguments"]!.ToJsonString());
        Assert.NotNull((string?)body["debug"]);
        Assert.NotNull(body["context"]);
    }

    [Fact]
    public async Task A_UserError_is_422_and_an_AccessError_403()
    {
        var (status, body) = await _odoo.Json2Async("sale.order", "action_confirm", """{"ids": [999]}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("odoo.exceptions.MissingError", (string?)body!["name"]);

        var (privateStatus, privateBody) = await _odoo.Json2Async("sale.order", "_create_invoices", """{"ids": [1]}""");
        Assert.Equal(HttpStatusCode.Forbidden, privateStatus);
        Assert.Equal("odoo.exceptions.AccessError", (string?)privateBody!["name"]);
        Assert.Equal("Private methods (such as 'sale.order._create_invoices') cannot be called remotely.", (string?)privateBody["message"]);

        var (wizardStatus, wizard) = await _odoo.Json2Async("account.payment.register", "create", """{"vals_list": [{}]}""");
        Assert.Equal((HttpStatusCode)422, wizardStatus);
        Assert.Equal("odoo.exceptions.UserError", (string?)wizard!["name"]);
    }

    [Fact]
    public async Task Unknown_models_and_methods_are_404_and_bad_arguments_422()
    {
        var (modelStatus, model) = await _odoo.Json2Async("no.such.model", "search", "{}");
        Assert.Equal(HttpStatusCode.NotFound, modelStatus);
        Assert.Equal("the model 'no.such.model' does not exist", (string?)model!["message"]);

        var (methodStatus, method) = await _odoo.Json2Async("stock.return.picking", "create_returns", """{"ids": [1]}""");
        Assert.Equal(HttpStatusCode.NotFound, methodStatus);
        Assert.Equal("werkzeug.exceptions.NotFound", (string?)method!["name"]);

        var (idsStatus, ids) = await _odoo.Json2Async("res.partner", "search", """{"ids": [1], "domain": []}""");
        Assert.Equal((HttpStatusCode)422, idsStatus);
        Assert.Equal("cannot call res.partner.search with ids", (string?)ids!["message"]);

        var (argStatus, _) = await _odoo.Json2Async("res.partner", "search", """{"domain": [], "bogus": 1}""");
        Assert.Equal((HttpStatusCode)422, argStatus);
    }

    [Fact]
    public async Task Json2_is_not_served_before_version_19()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 18 });
        using var odoo = new RawOdoo(sandbox);

        var (status, body) = await odoo.Json2Async("res.partner", "search", """{"domain": []}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Null(body);
    }

    [Fact]
    public async Task The_order_to_cash_path_runs_over_json2()
    {
        async Task<JsonNode?> Ok(string model, string method, string body)
        {
            var (status, result) = await _odoo.Json2Async(model, method, body);
            Assert.True(status == HttpStatusCode.OK, $"{model}.{method}: {(int)status} {result?.ToJsonString()}");
            return result;
        }

        var mug = (int)(await Ok("product.product", "search", """{"domain": [["default_code", "=", "MUG-LOGO"]]}"""))![0]!;
        var order = (int)(await Ok("sale.order", "create", $$$"""{"vals_list": [{"partner_id": 3, "client_order_ref": "EXT-19", "order_line": [[0, 0, {"product_id": {{{mug}}}, "product_uom_qty": 2}]]}]}"""))![0]!;
        Assert.True((bool)(await Ok("sale.order", "action_confirm", $$"""{"ids": [{{order}}]}"""))!);
        var read = (await Ok("sale.order", "read", $$"""{"ids": [{{order}}], "fields": ["picking_ids", "order_line"]}"""))![0]!;
        var line = (await Ok("sale.order.line", "read", $$"""{"ids": {{read["order_line"]!.ToJsonString()}}, "fields": ["tax_ids"]}"""))![0]!;
        Assert.Equal("[1]", line["tax_ids"]!.ToJsonString());
        var picking = (int)read["picking_ids"]![0]!;
        Assert.Equal("S00001 - EXT-19", (string?)(await Ok("stock.picking", "read", $$"""{"ids": [{{picking}}], "fields": ["origin"]}"""))![0]!["origin"]);
        Assert.True((bool)(await Ok("stock.picking", "button_validate", $$"""{"ids": [{{picking}}]}"""))!);
        var wizard = (int)(await Ok("sale.advance.payment.inv", "create", $$$"""{"vals_list": [{"sale_order_ids": [[6, 0, [{{{order}}}]]]}]}"""))![0]!;
        await Ok("sale.advance.payment.inv", "create_invoices", $$"""{"ids": [{{wizard}}]}""");
        var invoice = _sandbox.Inspect.SaleOrder(order).InvoiceIds.Single();
        Assert.False((bool)(await Ok("account.move", "action_post", $$"""{"ids": [{{invoice}}]}"""))!);
        var register = (int)(await Ok("account.payment.register", "create", $$$"""{"vals_list": [{"communication": "pi_19"}], "context": {"active_model": "account.move", "active_ids": [{{{invoice}}}]}}"""))![0]!;
        await Ok("account.payment.register", "action_create_payments", $$"""{"ids": [{{register}}]}""");

        Assert.Equal("paid", _sandbox.Inspect.Invoice(invoice).PaymentState);
        Assert.Equal("pi_19", _sandbox.Inspect.Payments().Single().Memo);
        Assert.Equal("paid", _sandbox.Inspect.Payments().Single().State);
        Assert.True(_sandbox.CallCountFor("sale.order", "action_confirm") == 1);
    }
}
