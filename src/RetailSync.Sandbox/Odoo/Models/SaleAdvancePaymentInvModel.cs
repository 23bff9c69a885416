using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// sale.advance.payment.inv (wizard): <c>create_invoices</c> with <c>advance_payment_method=delivered</c>
/// invoices what each order has to invoice (a draft out_invoice, or an out_refund when the quantities to
/// invoice are negative after a return).
/// </summary>
internal sealed class SaleAdvancePaymentInvModel : OdooModel
{
    public const string NothingToInvoice = "Cannot create an invoice. No items are available to invoice.";

    public SaleAdvancePaymentInvModel(OdooEnv env)
        : base(env, "sale.advance.payment.inv", "Sales Advance Payment Invoice")
    {
        Add("advance_payment_method", FieldType.Selection, selection: ["delivered", "percentage", "fixed"], @default: _ => "delivered", required: true, label: "Create Invoice");
        Add("sale_order_ids", FieldType.Many2Many, comodel: "sale.order", @default: c => c.Str("active_model") == "sale.order" ? c.Ids("active_ids").ToList() : new List<int>(), label: "Sales Order");
        Add("amount", FieldType.Float, label: "Down Payment");
        Add("fixed_amount", FieldType.Monetary, label: "Down Payment Amount (Fixed)");
        Add("consolidated_billing", FieldType.Boolean, @default: _ => true, label: "Consolidated Billing");
        Button("create_invoices", CreateInvoices);
    }

    private object? CreateInvoices(MethodCall call)
    {
        var wizard = call.Single();
        if (wizard.Str("advance_payment_method") != "delivered")
        {
            throw OdooException.UserError("The sandbox only supports invoicing delivered/ordered quantities (advance_payment_method 'delivered').");
        }

        var orders = Env.Model<SaleOrderModel>("sale.order");
        var lines = Env.Model<SaleOrderLineModel>("sale.order.line");
        var moves = Env.Model("account.move");
        var created = new List<int>();
        foreach (var order in wizard.Ids("sale_order_ids").Select(id => Env.Get("sale.order", id)))
        {
            var toInvoice = orders.Lines(order)
                .Where(l => l.Str("display_type") is null)
                .Select(l => (Line: l, Quantity: lines.QtyToInvoice(l)))
                .Where(x => x.Quantity != 0m)
                .ToList();
            if (toInvoice.Count == 0)
            {
                continue;
            }

            var refund = toInvoice.Sum(x => x.Quantity * x.Line.Num("price_unit")) < 0m;
            var commands = new JsonArray();
            foreach (var (line, quantity) in toInvoice)
            {
                commands.Add(new JsonArray(0, 0, new JsonObject
                {
                    ["product_id"] = line.Ref("product_id"),
                    ["name"] = line.Str("name"),
                    ["quantity"] = ValueCodec.ToDouble(refund ? -quantity : quantity),
                    ["price_unit"] = ValueCodec.ToDouble(line.Num("price_unit")),
                    ["discount"] = ValueCodec.ToDouble(line.Num("discount")),
                    ["tax_ids"] = new JsonArray(new JsonArray(6, 0, new JsonArray(line.Ids(lines.TaxField).Select(t => (JsonNode)t).ToArray()))),
                    ["sale_line_ids"] = new JsonArray(new JsonArray(6, 0, new JsonArray(line.Id))),
                }));
            }

            var invoice = moves.CreateOne(
                new JsonObject
                {
                    ["move_type"] = refund ? "out_refund" : "out_invoice",
                    ["partner_id"] = order.Ref("partner_invoice_id") ?? order.Ref("partner_id"),
                    ["invoice_origin"] = order.Str("name"),
                    ["ref"] = order.Str("client_order_ref"),
                    ["payment_reference"] = order.Str("name"),
                    ["invoice_line_ids"] = commands,
                },
                new CallContext(Env, null));
            created.Add(invoice.Id);
        }

        if (created.Count == 0)
        {
            throw OdooException.UserError(NothingToInvoice);
        }

        if (call.Ctx.Flag("open_invoices"))
        {
            return new JsonObject
            {
                ["name"] = "Invoices",
                ["type"] = "ir.actions.act_window",
                ["res_model"] = "account.move",
                ["view_mode"] = created.Count == 1 ? "form" : "list,form",
                ["res_id"] = created.Count == 1 ? created[0] : false,
                ["domain"] = new JsonArray(new JsonArray("id", "in", new JsonArray(created.Select(i => (JsonNode)i).ToArray()))),
            };
        }

        return new JsonObject { ["type"] = "ir.actions.act_window_close" };
    }
}
