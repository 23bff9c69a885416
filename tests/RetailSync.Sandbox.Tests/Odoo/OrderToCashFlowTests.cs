using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Sandbox.Tests.Odoo;

/// <summary>The whole order-to-cash and return-to-refund path over raw JSON-RPC, in each version's dialect.</summary>
public sealed class OrderToCashFlowTests
{
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    public async Task Sale_confirm_partial_delivery_backorder_invoice_pay_return_and_credit_note(int version)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version, TimeProvider = clock });
        using var odoo = new RawOdoo(sandbox);
        const int year = 2026;
        var partner = (int)(await odoo.OkAsync("res.partner", "create", """[{"name": "Grace Hopper", "email": "grace@example.com"}]"""))!;
        var tee = await ProductIdAsync(odoo, "TEE-BLK-M");
        var hoodie = await ProductIdAsync(odoo, "HOODIE-GRY-L");

        // Sale order and confirmation: one reserved delivery.
        var order = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": {{partner}}, "client_order_ref": "EXT-2001", "order_line": [[0, 0, {"product_id": {{tee}}, "product_uom_qty": 3}], [0, 0, {"product_id": {{hoodie}}, "product_uom_qty": 2, "price_unit": 60}]]}]"""))!;
        Assert.True((bool)(await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]"))!);
        var picking = (int)(await ReadAsync(odoo, "sale.order", order, "picking_ids"))["picking_ids"]![0]!;
        var moves = await odoo.OkAsync("stock.move", "search_read", $$"""[[["picking_id", "=", {{picking}}]]]""", """{"fields": ["product_id", "product_uom_qty", "quantity", "state"]}""");
        Assert.All(moves!.AsArray(), m => Assert.Equal("assigned", (string?)m!["state"]));
        var teeMove = (int)moves!.AsArray().Single(m => (int)m!["product_id"]![0]! == tee)!["id"]!;

        // Partial delivery: 2 of 3 tees; button_validate answers the backorder wizard; process keeps a backorder.
        await odoo.OkAsync("stock.move", "write", $$"""[[{{teeMove}}], {"quantity": 2}]""");
        await odoo.OkAsync("stock.picking", "write", $$"""[[{{picking}}], {"carrier_tracking_ref": "1Z999"}]""");
        var action = (await odoo.OkAsync("stock.picking", "button_validate", $"[[{picking}]]"))!;
        Assert.Equal("stock.backorder.confirmation", (string?)action["res_model"]);
        var context = action["context"]!.ToJsonString();
        var wizard = (int)(await odoo.OkAsync("stock.backorder.confirmation", "create", "[{}]", $$"""{"context": {{context}}}"""))!;
        Assert.True((bool)(await odoo.OkAsync("stock.backorder.confirmation", "process", $"[[{wizard}]]", $$"""{"context": {{context}}}"""))!);

        var first = await ReadAsync(odoo, "stock.picking", picking, "state", "carrier_tracking_ref", "backorder_ids");
        Assert.Equal("done", (string?)first["state"]);
        Assert.Equal("1Z999", (string?)first["carrier_tracking_ref"]);
        var backorder = (int)first["backorder_ids"]![0]!;
        var second = await ReadAsync(odoo, "stock.picking", backorder, "name", "state", "backorder_id");
        Assert.Equal("WH/OUT/00002", (string?)second["name"]);
        Assert.Equal("assigned", (string?)second["state"]);
        Assert.Equal(picking, (int)second["backorder_id"]![0]!);
        Assert.Equal("partial", (string?)(await ReadAsync(odoo, "sale.order", order, "delivery_status"))["delivery_status"]);

        // The backorder ships in full.
        Assert.True((bool)(await odoo.OkAsync("stock.picking", "button_validate", $"[[{backorder}]]"))!);
        var shipped = await ReadAsync(odoo, "sale.order", order, "delivery_status", "invoice_status", "order_line");
        Assert.Equal("full", (string?)shipped["delivery_status"]);
        Assert.Equal(57m, sandbox.Inspect.QuantOnHand(tee, 8));

        // Invoice through the advance-payment wizard, then post.
        var invoiceWizard = (int)(await odoo.OkAsync("sale.advance.payment.inv", "create", $$"""[{"advance_payment_method": "delivered", "sale_order_ids": [[6, 0, [{{order}}]]]}]"""))!;
        await odoo.OkAsync("sale.advance.payment.inv", "create_invoices", $"[[{invoiceWizard}]]");
        var invoiceIds = (await ReadAsync(odoo, "sale.order", order, "invoice_ids", "invoice_status"))["invoice_ids"]!.AsArray();
        var invoice = (int)Assert.Single(invoiceIds)!;
        var draft = await ReadAsync(odoo, "account.move", invoice, "name", "state", "move_type", "amount_total");
        Assert.Equal(version == 17 ? "\"/\"" : "false", draft["name"]!.ToJsonString());
        Assert.Equal("out_invoice", (string?)draft["move_type"]);
        Assert.Equal(224.25m, (decimal)draft["amount_total"]!);
        var posted = await odoo.ExecuteKwAsync("account.move", "action_post", $"[[{invoice}]]");
        Assert.False((bool)posted["result"]!);
        var open = await ReadAsync(odoo, "account.move", invoice, "name", "state", "payment_state", "amount_residual");
        Assert.Equal($"INV/{year}/00001", (string?)open["name"]);
        Assert.Equal("posted", (string?)open["state"]);
        Assert.Equal("not_paid", (string?)open["payment_state"]);
        Assert.Equal("invoiced", (string?)(await ReadAsync(odoo, "sale.order", order, "invoice_status"))["invoice_status"]);

        // Payment on the Stripe journal with the gateway reference as memo.
        var stripe = (int)(await odoo.OkAsync("account.journal", "search", """[[["code", "=", "STRP"]]]"""))![0]!;
        var payContext = $$$"""{"context": {"active_model": "account.move", "active_ids": [{{{invoice}}}]}}""";
        var register = (int)(await odoo.OkAsync("account.payment.register", "create", $$"""[{"journal_id": {{stripe}}, "amount": 224.25, "payment_date": "{{year}}-03-01", "communication": "pi_123"}]""", payContext))!;
        var paymentAction = (await odoo.OkAsync("account.payment.register", "action_create_payments", $"[[{register}]]", payContext))!;
        var payment = (int)paymentAction["res_id"]!;
        Assert.Equal("paid", (string?)(await ReadAsync(odoo, "account.move", invoice, "payment_state"))["payment_state"]);
        var memoField = version == 17 ? "ref" : "memo";
        var paid = await ReadAsync(odoo, "account.payment", payment, memoField, "state", "payment_type", "amount", "journal_id");
        Assert.Equal("pi_123", (string?)paid[memoField]);
        Assert.Equal(version == 17 ? "posted" : "paid", (string?)paid["state"]);
        Assert.Equal("inbound", (string?)paid["payment_type"]);

        // Return one tee from the first delivery.
        var returnContext = $$$"""{"context": {"active_id": {{{picking}}}, "active_ids": [{{{picking}}}], "active_model": "stock.picking"}}""";
        var returnWizard = (int)(await odoo.OkAsync("stock.return.picking", "create", $$"""[{"picking_id": {{picking}}}]""", returnContext))!;
        var returnLines = await odoo.OkAsync("stock.return.picking.line", "search_read", $$"""[[["wizard_id", "=", {{returnWizard}}]]]""", """{"fields": ["product_id", "quantity", "to_refund"]}""");
        var teeLine = returnLines!.AsArray().Single(l => (int)l!["product_id"]![0]! == tee)!;
        Assert.Equal(version == 17 ? 2m : 0m, (decimal)teeLine["quantity"]!);
        Assert.True((bool)teeLine["to_refund"]!);
        foreach (var line in returnLines.AsArray())
        {
            var quantity = (int)line!["product_id"]![0]! == tee ? 1 : 0;
            await odoo.OkAsync("stock.return.picking.line", "write", $$"""[[{{(int)line["id"]!}}], {"quantity": {{quantity}}}]""");
        }

        var wrongMethod = version == 17 ? "action_create_returns" : "create_returns";
        var refused = await odoo.FailAsync("stock.return.picking", wrongMethod, $"[[{returnWizard}]]", returnContext);
        Assert.Equal("builtins.AttributeError", (string?)refused["name"]);
        var returnAction = (await odoo.OkAsync("stock.return.picking", version == 17 ? "create_returns" : "action_create_returns", $"[[{returnWizard}]]", returnContext))!;
        var incoming = (int)returnAction["res_id"]!;
        var receipt = await ReadAsync(odoo, "stock.picking", incoming, "name", "return_id", "sale_id", "picking_type_code", "state");
        Assert.Equal("WH/IN/00001", (string?)receipt["name"]);
        Assert.Equal(picking, (int)receipt["return_id"]![0]!);
        Assert.Equal(order, (int)receipt["sale_id"]![0]!);
        Assert.Equal("incoming", (string?)receipt["picking_type_code"]);
        Assert.True((bool)(await odoo.OkAsync("stock.picking", "button_validate", $"[[{incoming}]]"))!);
        var teeLineId = (int)(await odoo.OkAsync("sale.order.line", "search", $$"""[[["order_id", "=", {{order}}], ["product_id", "=", {{tee}}]]]"""))![0]!;
        Assert.Equal(2m, (decimal)(await ReadAsync(odoo, "sale.order.line", teeLineId, "qty_delivered"))["qty_delivered"]!);
        Assert.Equal(58m, sandbox.Inspect.QuantOnHand(tee, 8));

        // Partial credit note for the returned tee, posted and refunded.
        var moveContext = $$$"""{"context": {"active_model": "account.move", "active_ids": [{{{invoice}}}]}}""";
        var sales = (int)(await odoo.OkAsync("account.journal", "search", """[[["type", "=", "sale"]]]"""))![0]!;
        var reversal = (int)(await odoo.OkAsync("account.move.reversal", "create", $$"""[{"reason": "Return EXT-2001", "journal_id": {{sales}}}]""", moveContext))!;
        var refundAction = (await odoo.OkAsync("account.move.reversal", "refund_moves", $"[[{reversal}]]", moveContext))!;
        var refund = (int)refundAction["res_id"]!;
        var credit = await ReadAsync(odoo, "account.move", refund, "move_type", "state", "reversed_entry_id", "invoice_line_ids", "amount_total");
        Assert.Equal("out_refund", (string?)credit["move_type"]);
        Assert.Equal("draft", (string?)credit["state"]);
        Assert.Equal(invoice, (int)credit["reversed_entry_id"]![0]!);
        Assert.Equal(224.25m, (decimal)credit["amount_total"]!);
        var creditLines = await odoo.OkAsync("account.move.line", "read", $"[{credit["invoice_line_ids"]!.ToJsonString()}, [\"product_id\"]]");
        var commands = new JsonArray();
        foreach (var line in creditLines!.AsArray())
        {
            var id = (int)line!["id"]!;
            commands.Add((int)line["product_id"]![0]! == tee ? new JsonArray(1, id, new JsonObject { ["quantity"] = 1 }) : new JsonArray(2, id, 0));
        }

        await odoo.OkAsync("account.move", "write", $$"""[[{{refund}}], {"invoice_line_ids": {{commands.ToJsonString()}}}]""");
        await odoo.OkAsync("account.move", "action_post", $"[[{refund}]]");
        var postedCredit = await ReadAsync(odoo, "account.move", refund, "name", "amount_total", "payment_state");
        Assert.Equal($"RINV/{year}/00001", (string?)postedCredit["name"]);
        Assert.Equal(28.75m, (decimal)postedCredit["amount_total"]!);
        var refundContext = $$$"""{"context": {"active_model": "account.move", "active_ids": [{{{refund}}}]}}""";
        var refundRegister = (int)(await odoo.OkAsync("account.payment.register", "create", $$"""[{"journal_id": {{stripe}}, "communication": "re_456"}]""", refundContext))!;
        var refundPayment = (int)(await odoo.OkAsync("account.payment.register", "action_create_payments", $"[[{refundRegister}]]", refundContext))!["res_id"]!;
        Assert.Equal("paid", (string?)(await ReadAsync(odoo, "account.move", refund, "payment_state"))["payment_state"]);
        var outbound = await ReadAsync(odoo, "account.payment", refundPayment, "payment_type", "amount");
        Assert.Equal("outbound", (string?)outbound["payment_type"]);
        Assert.Equal(28.75m, (decimal)outbound["amount"]!);

        // The inspector sees the same story.
        var view = sandbox.Inspect.SaleOrder(order);
        Assert.Equal("sale", view.State);
        Assert.Equal(3, view.PickingIds.Count);
        Assert.Equal(2, view.InvoiceIds.Count);
        var invoices = sandbox.Inspect.Invoices();
        Assert.Contains(invoices, i => i.MoveType == "out_refund" && i.ReversedEntryId == invoice && i.PaymentState == "paid");
        Assert.Equal(2, sandbox.Inspect.Payments().Count);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Nothing_reserved_is_refused_until_quantities_are_forced(int version)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);
        var socks = await ProductIdAsync(odoo, "SOCK-3PK");
        var order = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{socks}}, "product_uom_qty": 2}]]}]"""))!;
        await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]");
        var picking = (int)(await ReadAsync(odoo, "sale.order", order, "picking_ids"))["picking_ids"]![0]!;
        Assert.Equal("confirmed", (string?)(await ReadAsync(odoo, "stock.picking", picking, "state"))["state"]);

        var error = await odoo.FailAsync("stock.picking", "button_validate", $"[[{picking}]]");

        Assert.Equal("odoo.exceptions.UserError", (string?)error["name"]);
        Assert.StartsWith("You cannot validate a transfer if no quantities are reserved", (string?)error["message"]);
        var move = (int)(await odoo.OkAsync("stock.move", "search", $$"""[[["picking_id", "=", {{picking}}]]]"""))![0]!;
        await odoo.OkAsync("stock.move", "write", $$"""[[{{move}}], {"quantity": 2, "picked": true}]""");
        Assert.True((bool)(await odoo.OkAsync("stock.picking", "button_validate", $"[[{picking}]]"))!);
        Assert.Equal(-2m, sandbox.Inspect.QuantOnHand(socks, 8));
        Assert.Equal("full", (string?)(await ReadAsync(odoo, "sale.order", order, "delivery_status"))["delivery_status"]);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Dropping_the_backorder_still_reads_full_delivery(int version)
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version });
        using var odoo = new RawOdoo(sandbox);
        var bag = await ProductIdAsync(odoo, "BAG-TOTE");
        var order = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{bag}}, "product_uom_qty": 5}]]}]"""))!;
        await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]");
        var picking = (int)(await ReadAsync(odoo, "sale.order", order, "picking_ids"))["picking_ids"]![0]!;
        var move = (await odoo.OkAsync("stock.move", "search_read", $$"""[[["picking_id", "=", {{picking}}]]]""", """{"fields": ["quantity", "state"]}"""))![0]!;
        Assert.Equal(3m, (decimal)move["quantity"]!);
        Assert.Equal("partially_available", (string?)move["state"]);

        var result = await odoo.OkAsync("stock.picking", "button_validate", $"[[{picking}]]", $$$"""{"context": {"skip_backorder": true, "picking_ids_not_to_backorder": [{{{picking}}}]}}""");

        Assert.True((bool)result!);
        var done = await ReadAsync(odoo, "sale.order", order, "delivery_status", "picking_ids", "order_line");
        Assert.Equal("full", (string?)done["delivery_status"]);
        Assert.Single(done["picking_ids"]!.AsArray());
        var line = await ReadAsync(odoo, "sale.order.line", (int)done["order_line"]![0]!, "qty_delivered");
        Assert.Equal(3m, (decimal)line["qty_delivered"]!);
    }

    [Fact]
    public async Task Invoicing_an_undelivered_delivery_policy_order_is_refused()
    {
        await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = 17 });
        using var odoo = new RawOdoo(sandbox);
        var jacket = await ProductIdAsync(odoo, "JACKET-RAIN-M");
        var order = (int)(await odoo.OkAsync("sale.order", "create", $$"""[{"partner_id": 3, "order_line": [[0, 0, {"product_id": {{jacket}}, "product_uom_qty": 1}]]}]"""))!;
        await odoo.OkAsync("sale.order", "action_confirm", $"[[{order}]]");
        var wizard = (int)(await odoo.OkAsync("sale.advance.payment.inv", "create", $$"""[{"advance_payment_method": "delivered", "sale_order_ids": [[6, 0, [{{order}}]]]}]"""))!;

        var error = await odoo.FailAsync("sale.advance.payment.inv", "create_invoices", $"[[{wizard}]]");

        Assert.Equal("odoo.exceptions.UserError", (string?)error["name"]);
        Assert.Equal("Cannot create an invoice. No items are available to invoice.", (string?)error["message"]);
        Assert.Empty(sandbox.Inspect.Invoices());
    }

    internal static async Task<int> ProductIdAsync(RawOdoo odoo, string sku) =>
        (int)(await odoo.OkAsync("product.product", "search", $$"""[[["default_code", "=", "{{sku}}"]]]"""))![0]!;

    internal static async Task<JsonNode> ReadAsync(RawOdoo odoo, string model, int id, params string[] fields)
    {
        var names = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()).ToJsonString();
        return (await odoo.OkAsync(model, "read", $"[[{id}], {names}]"))![0]!;
    }
}
