using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    public async Task Version_answers_server_version_info_and_protocol_1(int version)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);

        var reply = await odoo.PostJsonRpcAsync("""{"jsonrpc":"2.0","method":"call","id":7,"params":{"service":"common","method":"version","args":[]}}""");

        Assert.Equal("2.0", (string?)reply["jsonrpc"]);
        Assert.Equal(7, (int)reply["id"]!);
        var result = reply["result"]!;
        Assert.StartsWith($"{version}.0-", (string?)result["server_version"]);
        Assert.Equal($"[{version},0,0,\"final\",0,\"\"]", result["server_version_info"]!.ToJsonString());
        Assert.Equal($"{version}.0", (string?)result["server_serie"]);
        Assert.Equal(1, (int)result["protocol_version"]!);
    }

    [Fact]
    public async Task Authenticate_answers_the_uid_or_false_for_wrong_credentials()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);

        var good = await odoo.CallAsync("common", "authenticate", """["retailsync", "admin", "sandbox-api-key", {}]""");
        var bad = await odoo.CallAsync("common", "authenticate", """["retailsync", "admin", "wrong", {}]""");

        Assert.Equal(2, (int)good["result"]!);
        Assert.Null(good["error"]);
        Assert.False((bool)bad["result"]!);
        Assert.Null(bad["error"]);
    }

    [Fact]
    public async Task Wrong_key_gives_AccessDenied_in_the_Odoo_error_envelope()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);

        var reply = await odoo.ExecuteKwAsync("res.partner", "search", "[[]]", key: "wrong");

        Assert.Null(reply["result"]);
        var error = reply["error"]!.AsObject();
        Assert.Equal(200, (int)error["code"]!);
        Assert.Equal("Odoo Server Error", (string?)error["message"]);
        var data = error["data"]!.AsObject();
        Assert.Equal("odoo.exceptions.AccessDenied", (string?)data["name"]);
        Assert.Equal("Access Denied", (string?)data["message"]);
        Assert.Equal("""["Access Denied"]""", data["arguments"]!.ToJsonString());
        Assert.NotNull((string?)data["debug"]);
        Assert.Equal("{}", data["context"]!.ToJsonString());
    }

    [Theory]
    [InlineData(17, "Private methods (such as _create_invoices) cannot be called remotely.")]
    [InlineData(18, "Private methods (such as 'sale.order._create_invoices') cannot be called remotely.")]
    public async Task Private_methods_are_refused(int version, string message)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);

        var data = await odoo.FailAsync("sale.order", "_create_invoices", "[[1]]");

        Assert.Equal("odoo.exceptions.AccessError", (string?)data["name"]);
        Assert.Equal(message, (string?)data["message"]);
    }

    [Fact]
    public async Task A_method_returning_None_replies_without_a_result_key()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);
        var productId = (int)(await odoo.OkAsync("product.product", "search", """[[["default_code", "=", "SOCK-3PK"]]]"""))![0]!;
        var quantId = (int)(await odoo.OkAsync("stock.quant", "create", $$"""[[{"product_id": {{productId}}, "location_id": 8, "inventory_quantity": 9}]]""", """{"context": {"inventory_mode": true}}"""))![0]!;

        var reply = await odoo.ExecuteKwAsync("stock.quant", "action_apply_inventory", $"[[{quantId}]]");

        Assert.False(reply.ContainsKey("result"));
        Assert.False(reply.ContainsKey("error"));
        Assert.Equal("2.0", (string?)reply["jsonrpc"]);
        var product = await odoo.OkAsync("product.product", "read", $"[[{productId}], [\"qty_available\"]]");
        Assert.Equal(9m, (decimal)product![0]!["qty_available"]!);
    }

    [Fact]
    public async Task Malformed_requests_and_unknown_databases_answer_the_error_envelope_with_http_200()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);

        var malformed = await odoo.PostJsonRpcAsync("{not json");
        var database = await odoo.CallAsync("common", "authenticate", """["nope", "admin", "sandbox-api-key", {}]""");
        var uid = await odoo.CallAsync("object", "execute_kw", """["retailsync", 7, "sandbox-api-key", "res.partner", "search", [[]]]""");

        Assert.Equal("werkzeug.exceptions.BadRequest", (string?)malformed["error"]!["data"]!["name"]);
        Assert.Equal("psycopg2.OperationalError", (string?)database["error"]!["data"]!["name"]);
        Assert.Equal("odoo.exceptions.AccessDenied", (string?)uid["error"]!["data"]!["name"]);
    }

    [Fact]
    public async Task Create_answers_an_id_for_a_dict_and_a_list_for_a_list()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions());
        using var odoo = new RawOdoo(sandbox);

        var single = await odoo.OkAsync("res.partner", "create", """[{"name": "One"}]""");
        var many = await odoo.OkAsync("res.partner", "create", """[[{"name": "Two"}, {"name": "Three"}]]""");

        Assert.Equal(System.Text.Json.JsonValueKind.Number, single!.GetValueKind());
        Assert.Equal(2, many!.AsArray().Count);
        var error = await odoo.FailAsync("res.partner", "create", """[{"email": "nameless@example.com"}]""");
        Assert.Equal("odoo.exceptions.ValidationError", (string?)error["name"]);
        Assert.Equal("Contacts require a name", (string?)error["message"]);
    }
}
