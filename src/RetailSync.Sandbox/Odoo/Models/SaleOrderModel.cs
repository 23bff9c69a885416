using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// sale.order: S00001 names, amounts with 15% tax, <c>action_confirm</c> (draft/sent to sale, one reserved
/// WH/OUT picking), <c>action_cancel</c> (the sale.order.cancel wizard unless <c>disable_cancel_warning</c>),
/// invoice and delivery status.
/// </summary>
internal sealed class SaleOrderModel : OdooModel
{
    private static readonly Dictionary<string, string> StateLabels = new(StringComparer.Ordinal)
    {
        ["draft"] = "Quotation",
        ["sent"] = "Quotation Sent",
        ["sale"] = "Sales Order",
        ["cancel"] = "Cancelled",
    };

    public SaleOrderModel(OdooEnv env)
        : base(env, "sale.order", "Sales Order")
    {
        Add("name", FieldType.Char, required: true, @default: _ => "New", label: "Order Reference");
        Add("partner_id", FieldType.Many2One, comodel: "res.partner", required: true, label: "Customer");
        Add("partner_invoice_id", FieldType.Many2One, comodel: "res.partner", label: "Invoice Address");
        Add("partner_shipping_id", FieldType.Many2One, comodel: "res.partner", label: "Delivery Address");
        Add("client_order_ref", FieldType.Char, label: "Customer Reference");
        Add("origin", FieldType.Char, label: "Source Document");
        Add("note", FieldType.Html, label: "Terms and conditions");
        Add("date_order", FieldType.Datetime, @default: c => c.Env.Now, label: "Order Date");
        Add("validity_date", FieldType.Date, label: "Expiration");
        Add("commitment_date", FieldType.Datetime, label: "Delivery Date");
        Add("state", FieldType.Selection, selection: ["draft", "sent", "sale", "cancel"], @default: _ => "draft", label: "Status");
        Add("locked", FieldType.Boolean);
        Add("picking_policy", FieldType.Selection, selection: ["direct", "one"], @default: _ => "direct", label: "Shipping Policy");
        Add("warehouse_id", FieldType.Many2One, comodel: "stock.warehouse", @default: _ => 1, label: "Warehouse");
        Add("order_line", FieldType.One2Many, comodel: "sale.order.line", inverse: "order_id", label: "Order Lines");
        Add("amount_untaxed", FieldType.Monetary, compute: r => Lines(r).Sum(SaleOrderLineModel.Subtotal), label: "Untaxed Amount");
        Add("amount_tax", FieldType.Monetary, compute: r => Lines(r).Sum(Line.Tax), label: "Taxes");
        Add("amount_total", FieldType.Monetary, compute: r => Lines(r).Sum(l => SaleOrderLineModel.Subtotal(l) + Line.Tax(l)), label: "Total");
        Add("invoice_status", FieldType.Selection, selection: ["upselling", "invoiced", "to invoice", "no"], compute: InvoiceStatus);
        Add(
            "delivery_status",
            FieldType.Selection,
            selection: env.Version >= 18 ? ["pending", "started", "partial", "full"] : ["pending", "partial", "full"],
            compute: DeliveryStatus);
        Add("invoice_ids", FieldType.Many2Many, comodel: "account.move", compute: r => Invoices(r), label: "Invoices");
        Add("invoice_count", FieldType.Integer, compute: r => (long)Invoices(r).Count, label: "Invoice Count");
        Add("picking_ids", FieldType.One2Many, comodel: "stock.picking", inverse: "sale_id", label: "Transfers");
        Add("delivery_count", FieldType.Integer, compute: r => (long)Pickings(r).Count(), label: "Delivery Orders");

        Button("action_confirm", Confirm);
        Button("action_cancel", Cancel);
        Button("action_draft", Draft);
        Button("action_lock", c => SetLocked(c, true));
        Button("action_unlock", c => SetLocked(c, false));
    }

    protected override string DefaultOrder => "date_order desc, id desc";

    private SaleOrderLineModel Line => Env.Model<SaleOrderLineModel>("sale.order.line");

    public IEnumerable<OdooRecord> Lines(OdooRecord order) =>
        Env.Store.All("sale.order.line").Where(l => l.Ref("order_id") == order.Id);

    public IEnumerable<OdooRecord> Pickings(OdooRecord order) =>
        Env.Store.All("stock.picking").Where(p => p.Ref("sale_id") == order.Id);

    public List<int> Invoices(OdooRecord order) =>
        Lines(order).SelectMany(Line.InvoiceLines).Select(l => l.Ref("move_id")).OfType<int>().Distinct().Order().ToList();

    /// <summary>The order's open outgoing picking, created (WH/OUT/000NN) if there is none.</summary>
    public OdooRecord OpenDelivery(OdooRecord order, CallContext ctx)
    {
        var outType = Env.Store.All("stock.picking.type").First(t => t.Str("code") == "outgoing");
        var open = Pickings(order).FirstOrDefault(p => p.Ref("picking_type_id") == outType.Id && p.Str("state") is not ("done" or "cancel"));
        if (open is not null)
        {
            return open;
        }

        var reference = order.Str("client_order_ref");
        var origin = Env.Version >= 18 && !string.IsNullOrEmpty(reference) ? $"{order.Str("name")} - {reference}" : order.Str("name");
        return Env.Store.Insert("stock.picking", new Dictionary<string, object?>
        {
            ["name"] = Env.Model<StockPickingTypeModel>("stock.picking.type").NextName(outType),
            ["origin"] = origin,
            ["partner_id"] = order.Ref("partner_shipping_id") ?? order.Ref("partner_id"),
            ["picking_type_id"] = outType.Id,
            ["location_id"] = outType.Ref("default_location_src_id"),
            ["location_dest_id"] = outType.Ref("default_location_dest_id"),
            ["state"] = "confirmed",
            ["move_type"] = order.Str("picking_policy") ?? "direct",
            ["sale_id"] = order.Id,
            ["scheduled_date"] = order.Str("commitment_date") ?? Env.Now,
            ["create_date"] = Env.Now,
            ["write_date"] = Env.Now,
        });
    }

    public void CancelOrders(IEnumerable<OdooRecord> orders)
    {
        foreach (var order in orders)
        {
            foreach (var invoiceId in Invoices(order))
            {
                var invoice = Env.Get("account.move", invoiceId);
                if (invoice.Str("state") == "draft")
                {
                    Env.Store.Set(invoice, "state", "cancel");
                }
            }

            foreach (var picking in Pickings(order).Where(p => p.Str("state") is not ("done" or "cancel")).ToList())
            {
                foreach (var move in Stock.Moves(Env, picking.Id).ToList())
                {
                    Stock.Cancel(Env, move);
                }

                Env.Store.Set(picking, "state", "cancel");
            }

            Env.Store.Set(order, "state", "cancel");
        }
    }

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        if (vals["partner_id"] is JsonNode partner && !ValueCodec.IsFalse(partner))
        {
            vals["partner_invoice_id"] ??= partner.DeepClone();
            vals["partner_shipping_id"] ??= partner.DeepClone();
        }
    }

    protected override void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx)
    {
        if (record.Str("name") is null or "New" or "/")
        {
            Env.Store.Set(record, "name", Env.Sequence("sale.order", "S", 5));
        }
    }

    protected override void BeforeUnlink(IReadOnlyList<OdooRecord> records, CallContext ctx)
    {
        if (records.Any(o => o.Str("state") is not ("draft" or "cancel")))
        {
            throw OdooException.UserError("You can not delete a sent quotation or a confirmed sales order. You must first cancel it.");
        }
    }

    private object? Confirm(MethodCall call)
    {
        var orders = call.Records();
        var forbidden = orders.Select(o => o.Str("state")!).Where(s => s is "sale" or "cancel").Distinct().ToList();
        if (forbidden.Count > 0)
        {
            throw OdooException.UserError("It is not allowed to confirm an order in the following states: " + string.Join(", ", forbidden.Select(s => StateLabels[s])));
        }

        foreach (var order in orders)
        {
            if (!Lines(order).Any(l => l.Str("display_type") is null))
            {
                throw OdooException.UserError("There are no lines to confirm on this order.");
            }

            Env.Store.Set(order, "state", "sale");
            Env.Store.Set(order, "date_order", Env.Now);
            foreach (var line in Lines(order).ToList())
            {
                Line.Procure(line, call.Ctx);
            }
        }

        return true;
    }

    private object? Cancel(MethodCall call)
    {
        var orders = call.Records();
        if (orders.Any(o => o.Flag("locked")))
        {
            throw OdooException.UserError("You cannot cancel a locked order. Please unlock it first if you want to cancel it.");
        }

        if (!call.Ctx.Flag("disable_cancel_warning") && orders.Any(o => o.Str("state") is "sent" or "sale"))
        {
            var order = orders.First(o => o.Str("state") is "sent" or "sale");
            return new JsonObject
            {
                ["name"] = "Cancel Sales Order",
                ["view_mode"] = "form",
                ["res_model"] = "sale.order.cancel",
                ["view_id"] = new JsonArray(1200, "sale.order.cancel.form"),
                ["type"] = "ir.actions.act_window",
                ["context"] = new JsonObject { ["default_order_id"] = order.Id },
                ["target"] = "new",
            };
        }

        CancelOrders(orders);
        return true;
    }

    private object? Draft(MethodCall call)
    {
        foreach (var order in call.Records().Where(o => o.Str("state") is "cancel" or "sent"))
        {
            Env.Store.Set(order, "state", "draft");
        }

        return true;
    }

    private object? SetLocked(MethodCall call, bool locked)
    {
        foreach (var order in call.Records())
        {
            Env.Store.Set(order, "locked", locked);
        }

        return NoResult.Instance;
    }

    private string? InvoiceStatus(OdooRecord order)
    {
        if (order.Str("state") != "sale")
        {
            return "no";
        }

        var statuses = Lines(order).Where(l => l.Str("display_type") is null).Select(l => Line.GetValue(l, "invoice_status") as string).ToList();
        if (statuses.Contains("to invoice"))
        {
            return "to invoice";
        }

        if (statuses.Count > 0 && statuses.TrueForAll(s => s == "invoiced"))
        {
            return "invoiced";
        }

        return statuses.Count > 0 && statuses.TrueForAll(s => s is "invoiced" or "upselling") ? "upselling" : "no";
    }

    private string? DeliveryStatus(OdooRecord order)
    {
        var pickings = Pickings(order).ToList();
        if (pickings.Count == 0 || pickings.TrueForAll(p => p.Str("state") == "cancel"))
        {
            return null;
        }

        if (pickings.TrueForAll(p => p.Str("state") is "done" or "cancel"))
        {
            return "full";
        }

        if (pickings.Exists(p => p.Str("state") == "done"))
        {
            return Env.Version >= 18 && !Lines(order).Any(l => Line.QtyDelivered(l) != 0m) ? "started" : "partial";
        }

        return "pending";
    }
}
