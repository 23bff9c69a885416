using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RetailSync.Odoo.Tests.Transport;

public sealed class TransportTests
{
    [Fact]
    public async Task JsonRpc_execute_kw_carries_database_uid_key_model_method_args_and_kwargs()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcResult(r, """[{"id":7,"name":"Azure Interior"}]""")));
        await using var provider = StubOdoo.Create(handler);
        var client = provider.GetRequiredService<OdooClient>();

        var records = await client.SearchReadAsync("res.partner", [OdooDomain.Eq("ref", "shopify:1")], ["id", "name"], limit: 5);

        Assert.Equal(7, Assert.Single(records).Id);
        var call = handler.Requests.Single(r => r.RpcMethod == "execute_kw");
        Assert.Equal("/jsonrpc", call.Path);
        Assert.Equal("object", call.Service);
        Assert.Equal("retailsync", call.Args[0].GetString());
        Assert.Equal(2, call.Args[1].GetInt64());
        Assert.Equal("secret-api-key-123", call.Args[2].GetString());
        Assert.Equal("res.partner", call.Args[3].GetString());
        Assert.Equal("search_read", call.Args[4].GetString());
        Assert.Equal("""[[["ref","=","shopify:1"]]]""", call.Args[5].GetRawText());
        Assert.Equal(5, call.Args[6].GetProperty("limit").GetInt32());
        Assert.Equal("""["id","name"]""", call.Args[6].GetProperty("fields").GetRawText());
    }

    [Fact]
    public async Task Version_is_detected_once_and_login_happens_once_for_concurrent_calls()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcResult(r, "[]")), version: 18);
        await using var provider = StubOdoo.Create(handler);
        var client = provider.GetRequiredService<OdooClient>();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SearchReadAsync("res.partner", [], ["id"])));

        Assert.Equal(18, await client.GetVersionAsync());
        Assert.Single(handler.Requests, r => r.RpcMethod == "version");
        Assert.Single(handler.Requests, r => r.RpcMethod == "authenticate");
        Assert.Equal(10, handler.Requests.Count(r => r.RpcMethod == "execute_kw"));
    }

    [Fact]
    public async Task A_pinned_version_skips_detection()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcResult(r, "[]")));
        await using var provider = StubOdoo.Create(handler, o => o.Version = 17);

        await provider.GetRequiredService<OdooClient>().SearchReadAsync("res.partner", [], ["id"]);

        Assert.DoesNotContain(handler.Requests, r => r.RpcMethod == "version");
    }

    [Fact]
    public async Task A_reply_without_result_is_a_null_result_not_an_error()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.Json($$"""{"jsonrpc":"2.0","id":{{r.Body.GetProperty("id")}}}""")));
        await using var provider = StubOdoo.Create(handler);

        var result = await provider.GetRequiredService<OdooClient>().CallAsync("stock.quant", "action_apply_inventory", [5]);

        Assert.Equal(JsonValueKind.Null, result.ValueKind);
    }

    [Fact]
    public async Task A_user_error_becomes_a_business_exception_with_odoos_message_and_is_not_retried()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcError(r, "odoo.exceptions.UserError", "You cannot validate a transfer if no quantities are reserved.")));
        await using var provider = StubOdoo.Create(handler);
        var sales = provider.GetRequiredService<OdooSalesOperations>();

        var error = await Assert.ThrowsAsync<OdooBusinessException>(() => sales.GetSaleOrderStatusAsync(3));

        Assert.Equal("odoo.exceptions.UserError", error.ErrorName);
        Assert.Contains("no quantities are reserved", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests, r => r.RpcMethod == "execute_kw");
    }

    [Fact]
    public async Task A_private_method_refusal_is_neither_business_nor_transient()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcError(r, "builtins.AttributeError", "Private methods (such as _create_invoices) cannot be called remotely.")));
        await using var provider = StubOdoo.Create(handler);

        var error = await Assert.ThrowsAsync<OdooException>(() => provider.GetRequiredService<OdooClient>().CallAsync("sale.order", "_create_invoices", [1]));

        Assert.IsNotType<OdooTransientException>(error);
        Assert.IsNotType<OdooBusinessException>(error);
    }

    [Fact]
    public async Task Authenticate_returning_false_is_an_authentication_error_and_is_not_retried()
    {
        var handler = new StubOdooHandler(r => Task.FromResult(r.RpcMethod == "authenticate" ? StubOdooHandler.RpcResult(r, "false") : StubOdooHandler.RpcResult(r, "[]")));
        await using var provider = StubOdoo.Create(handler, o => o.Version = 17);

        await Assert.ThrowsAsync<OdooAuthenticationException>(() => provider.GetRequiredService<OdooSalesOperations>().GetSaleOrderStatusAsync(1));

        Assert.Single(handler.Requests, r => r.RpcMethod == "authenticate");
        Assert.DoesNotContain(handler.Requests, r => r.RpcMethod == "execute_kw");
    }

    [Fact]
    public async Task Access_denied_on_execute_kw_is_an_authentication_error_and_the_next_call_logs_in_again()
    {
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcError(r, "odoo.exceptions.AccessDenied", "Access Denied")));
        await using var provider = StubOdoo.Create(handler, o => o.Version = 17);
        var client = provider.GetRequiredService<OdooClient>();

        await Assert.ThrowsAsync<OdooAuthenticationException>(() => client.SearchReadAsync("res.partner", [], ["id"]));
        await Assert.ThrowsAsync<OdooAuthenticationException>(() => client.SearchReadAsync("res.partner", [], ["id"]));

        Assert.Equal(2, handler.Requests.Count(r => r.RpcMethod == "authenticate"));
    }

    [Fact]
    public async Task A_serialization_failure_is_transient_and_the_operation_is_retried()
    {
        var calls = 0;
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? StubOdooHandler.RpcError(r, "psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update")
            : StubOdooHandler.RpcResult(r, """[{"id":3,"name":"S00003","state":"sale","invoice_status":"no","delivery_status":"pending","amount_untaxed":10,"amount_tax":1.5,"amount_total":11.5,"picking_ids":[4],"invoice_ids":[]}]""")));
        await using var provider = StubOdoo.Create(handler);

        var status = await provider.GetRequiredService<OdooSalesOperations>().GetSaleOrderStatusAsync(3);

        Assert.Equal("S00003", status.Name);
        Assert.Equal(11.5m, status.AmountTotal);
        Assert.Equal([4L], status.PickingIds);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Json2_sends_bearer_key_database_header_and_named_arguments()
    {
        var handler = new StubOdooHandler(r => Task.FromResult(StubOdooHandler.Json("""[{"id":9}]""")));
        await using var provider = StubOdoo.Create(handler, o => o.Version = 19);
        var client = provider.GetRequiredService<OdooClient>();

        await client.ReadAsync("sale.order", [9], ["state"]);
        await client.CallAsync("sale.order", "action_cancel", [9], new Dictionary<string, object?> { ["disable_cancel_warning"] = true });

        var read = handler.Requests[0];
        Assert.Equal("/json/2/sale.order/read", read.Path);
        Assert.Equal("bearer secret-api-key-123", read.Headers["Authorization"]);
        Assert.Equal("retailsync", read.Headers["X-Odoo-Database"]);
        Assert.Equal("[9]", read.Body.GetProperty("ids").GetRawText());
        Assert.Equal("""["state"]""", read.Body.GetProperty("fields").GetRawText());
        var cancel = handler.Requests[1];
        Assert.Equal("/json/2/sale.order/action_cancel", cancel.Path);
        Assert.True(cancel.Body.GetProperty("context").GetProperty("disable_cancel_warning").GetBoolean());
        Assert.DoesNotContain(handler.Requests, r => r.Path == "/jsonrpc");
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "werkzeug.exceptions.Unauthorized", typeof(OdooAuthenticationException))]
    [InlineData(HttpStatusCode.UnprocessableEntity, "odoo.exceptions.UserError", typeof(OdooBusinessException))]
    [InlineData(HttpStatusCode.NotFound, "odoo.exceptions.MissingError", typeof(OdooBusinessException))]
    [InlineData(HttpStatusCode.Forbidden, "odoo.exceptions.AccessError", typeof(OdooBusinessException))]
    [InlineData(HttpStatusCode.UnprocessableEntity, "builtins.ValueError", typeof(OdooException))]
    public async Task Json2_errors_map_to_typed_exceptions(HttpStatusCode status, string name, Type expected)
    {
        var handler = new StubOdooHandler(r => Task.FromResult(StubOdooHandler.Json($$"""{"name":"{{name}}","message":"refused","arguments":["refused"],"debug":""}""", status)));
        await using var provider = StubOdoo.Create(handler, o => o.Version = 19);

        var error = await Assert.ThrowsAnyAsync<OdooException>(() => provider.GetRequiredService<OdooClient>().CallAsync("sale.order", "action_confirm", [1]));

        Assert.Equal(expected, error.GetType());
        Assert.Equal("refused", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Json2_null_body_is_a_null_result()
    {
        var handler = new StubOdooHandler(r => Task.FromResult(StubOdooHandler.Json("null")));
        await using var provider = StubOdoo.Create(handler, o => o.Version = 19);

        var result = await provider.GetRequiredService<OdooClient>().CallAsync("stock.quant", "action_apply_inventory", [1]);

        Assert.Equal(JsonValueKind.Null, result.ValueKind);
    }

    [Fact]
    public async Task A_rotated_api_key_is_used_after_a_configuration_reload_without_a_restart()
    {
        var handler = new StubOdooHandler(r => Task.FromResult(r.Headers["Authorization"] == "bearer new-key"
            ? StubOdooHandler.Json("[]")
            : StubOdooHandler.Json("""{"name":"werkzeug.exceptions.Unauthorized","message":"Invalid apikey"}""", HttpStatusCode.Unauthorized)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Odoo:BaseUrl"] = "http://odoo.test",
            ["Odoo:Database"] = "retailsync",
            ["Odoo:ApiKey"] = "old-key",
            ["Odoo:Version"] = "19",
        }).Build();
        var services = new ServiceCollection();
        services.AddOdooClient(configuration);
        services.AddHttpClient(OdooClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<OdooClient>();
        await Assert.ThrowsAsync<OdooAuthenticationException>(() => client.SearchReadAsync("res.partner", [], ["id"]));

        configuration["Odoo:ApiKey"] = "new-key";
        configuration.Reload();

        Assert.Empty(await client.SearchReadAsync("res.partner", [], ["id"]));
    }
}
