using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// sale.order.line: quantities, prices, discount and taxes (<c>tax_id</c> in 17/18, <c>tax_ids</c> in 19);
/// delivered quantity from done moves, invoiced quantity from invoice lines, invoice status per line.
/// Lines added to or changed on a confirmed order update its open delivery.
/// </summary>
internal sealed class SaleOrderLineModel : OdooModel
{
    public SaleOrderLineModel(OdooEnv env)
        : base(env, "sale.order.line", "Sales Order Line")
    {
        TaxField = env.Version >= 19 ? "tax_ids" : "tax_id";
        Add("order_id", FieldType.Many2One, comodel: "sale.order", required: true, label: "Order Reference");
        Add("sequence", FieldType.Integer, @default: _ => 10L);
        Add("display_type", FieldType.Selection, selection: ["line_section", "line_note"]);
        Add("product_id", FieldType.Many2One, comodel: "product.product", label: "Product");
        Add("name", FieldType.Text, label: "Description");
        Add("product_uom_qty", FieldType.Float, @default: _ => 1m, label: "Quantity");
        Add("price_unit", FieldType.Float, label: "Unit Price");
        Add("discount", FieldType.Float, label: "Discount (%)");
        Add(TaxField, FieldType.Many2Many, comodel: "account.tax", label: "Taxes");
        Add("price_subtotal", FieldType.Monetary, compute: r => Subtotal(r), label: "Subtotal");
        Add("price_tax", FieldType.Float, compute: r => Tax(r), label: "Total Tax");
        Add("price_total", FieldType.Monetary, compute: r => Subtotal(r) + Tax(r), label: "Total");
        Add("qty_delivered", FieldType.Float, compute: r => QtyDelivered(r), label: "Delivery Quantity");
        Add("qty_invoiced", FieldType.Float, compute: r => QtyInvoiced(r), label: "Invoiced Quantity");
        Add("qty_to_invoice", FieldType.Float, compute: r => QtyToInvoice(r), label: "Quantity To Invoice");
        Add("invoice_status", FieldType.Selection, selection: ["upselling", "invoiced", "to invoice", "no"], compute: InvoiceStatus);
        Add("invoice_lines", FieldType.Many2Many, comodel: "account.move.line", compute: r => InvoiceLines(r).Select(l => l.Id).ToList(), label: "Invoice Lines");
        Add("move_ids", FieldType.One2Many, comodel: "stock.move", inverse: "sale_line_id", label: "Stock Moves");
        Add("state", FieldType.Selection, selection: ["draft", "sent", "sale", "cancel"], compute: r => Order(r).Str("state"), label: "Order Status");
    }

    public string TaxField { get; }

    public OdooRecord Order(OdooRecord line) => Env.Get("sale.order", line.Ref("order_id")!.Value);

    public static decimal Subtotal(OdooRecord line) =>
        Math.Round(line.Num("product_uom_qty") * line.Num("price_unit") * (1m - (line.Num("discount") / 100m)), 2, MidpointRounding.AwayFromZero);

    public decimal Tax(OdooRecord line) => Env.Model<AccountTaxModel>("account.tax").TaxOn(line.Ids(TaxField), Subtotal(line));

    public decimal QtyDelivered(OdooRecord line) =>
        Env.Store.All("stock.move").Where(m => m.Ref("sale_line_id") == line.Id && m.Str("state") == "done").Sum(m =>
            Usage(m.Ref("location_dest_id")) == "customer" ? m.Num("quantity")
            : Usage(m.Ref("location_id")) == "customer" && m.Flag("to_refund") ? -m.Num("quantity")
            : 0m);

    public IEnumerable<OdooRecord> InvoiceLines(OdooRecord line) =>
        Env.Store.All("account.move.line").Where(l => l.Ids("sale_line_ids").Contains(line.Id));

    public decimal QtyInvoiced(OdooRecord line) =>
        InvoiceLines(line).Sum(l =>
        {
            var move = Env.Store.Find("account.move", l.Ref("move_id") ?? 0);
            return move is null || move.Str("state") == "cancel" ? 0m
                : move.Str("move_type") == "out_refund" ? -l.Num("quantity")
                : l.Num("quantity");
        });

    public decimal QtyToInvoice(OdooRecord line)
    {
        if (Order(line).Str("state") != "sale" || line.Str("display_type") is not null)
        {
            return 0m;
        }

        var policy = line.Ref("product_id") is int p ? Env.Model("product.product").GetValue(Env.Get("product.product", p), "invoice_policy") as string : "order";
        return (policy == "delivery" ? QtyDelivered(line) : line.Num("product_uom_qty")) - QtyInvoiced(line);
    }

    /// <summary>Ensures open outgoing moves cover what is ordered and not yet delivered (confirmed orders only).</summary>
    public void Procure(OdooRecord line, CallContext ctx)
    {
        var order = Order(line);
        if (order.Str("state") != "sale" || line.Ref("product_id") is not int productId || line.Str("display_type") is not null
            || Env.Model<ProductProductModel>("product.product").IsService(productId))
        {
            return;
        }

        var moves = Env.Store.All("stock.move").Where(m => m.Ref("sale_line_id") == line.Id && Usage(m.Ref("location_dest_id")) == "customer").ToList();
        var done = moves.Where(m => m.Str("state") == "done").Sum(m => m.Num("quantity"));
        var open = moves.Where(m => m.Str("state") is not ("done" or "cancel")).ToList();
        var missing = line.Num("product_uom_qty") - done - open.Sum(m => m.Num("product_uom_qty"));
        if (missing == 0m)
        {
            return;
        }

        if (open.Count > 0)
        {
            var move = open[0];
            var demand = Math.Max(0m, move.Num("product_uom_qty") + missing);
            Env.Store.Set(move, "product_uom_qty", demand);
            if (move.Num("quantity") > demand)
            {
                Stock.Unreserve(Env, move, Math.Min(Stock.Reserved(move), demand));
                Env.Store.Set(move, "quantity", demand);
            }

            Stock.Reserve(Env, move);
            Stock.RefreshPickingState(Env, Env.Get("stock.picking", move.Ref("picking_id")!.Value));
            return;
        }

        if (missing < 0m)
        {
            return;
        }

        var picking = Env.Model<SaleOrderModel>("sale.order").OpenDelivery(order, ctx);
        var created = Env.Store.Insert("stock.move", new Dictionary<string, object?>
        {
            ["name"] = line.Str("name") ?? "",
            ["product_id"] = productId,
            ["product_uom_qty"] = missing,
            ["quantity"] = 0m,
            ["picked"] = false,
            ["state"] = "confirmed",
            ["location_id"] = picking.Ref("location_id"),
            ["location_dest_id"] = picking.Ref("location_dest_id"),
            ["picking_id"] = picking.Id,
            ["picking_type_id"] = picking.Ref("picking_type_id"),
            ["sale_line_id"] = line.Id,
            ["origin"] = order.Str("name"),
            ["date"] = Env.Now,
            ["to_refund"] = false,
            ["create_date"] = Env.Now,
            ["write_date"] = Env.Now,
        });
        Stock.Reserve(Env, created);
        Stock.RefreshPickingState(Env, picking);
    }

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        if (vals["product_id"] is JsonNode node && !ValueCodec.IsFalse(node))
        {
            var products = Env.Model<ProductProductModel>("product.product");
            var product = Env.Get(products.Name, (int)ValueCodec.Number(node));
            if (!vals.ContainsKey("name"))
            {
                var description = products.GetValue(product, "description_sale") as string;
                vals["name"] = products.DisplayName(product) + (string.IsNullOrEmpty(description) ? "" : "\n" + description);
            }

            if (!vals.ContainsKey("price_unit"))
            {
                vals["price_unit"] = ValueCodec.ToDouble(products.GetValue(product, "list_price") as decimal? ?? 0m);
            }

            if (!vals.ContainsKey(TaxField))
            {
                vals[TaxField] = new JsonArray(new JsonArray(6, 0, new JsonArray(((IReadOnlyList<int>?)products.GetValue(product, "taxes_id") ?? []).Select(t => (JsonNode)t).ToArray())));
            }
        }
        else if (!vals.ContainsKey("display_type"))
        {
            throw OdooException.ValidationError("Missing required product and UoM on accountable sale line.");
        }
    }

    protected override void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx) => Procure(record, ctx);

    protected override void AfterWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx)
    {
        if (vals.ContainsKey("product_uom_qty"))
        {
            foreach (var line in records)
            {
                Procure(line, ctx);
            }
        }
    }

    protected override void BeforeUnlink(IReadOnlyList<OdooRecord> records, CallContext ctx)
    {
        if (records.Any(l => Order(l).Str("state") == "sale" && l.Str("display_type") is null))
        {
            throw OdooException.UserError("Once a sales order is confirmed, you can't remove one of its lines (we need to track if something gets invoiced or delivered).\n                Set the quantity to 0 instead.");
        }
    }

    private string? InvoiceStatus(OdooRecord line)
    {
        if (Order(line).Str("state") != "sale")
        {
            return "no";
        }

        if (QtyToInvoice(line) != 0m)
        {
            return "to invoice";
        }

        var policy = line.Ref("product_id") is int p ? Env.Model("product.product").GetValue(Env.Get("product.product", p), "invoice_policy") as string : "order";
        if (policy == "order" && line.Num("product_uom_qty") >= 0m && QtyDelivered(line) > line.Num("product_uom_qty"))
        {
            return "upselling";
        }

        return QtyInvoiced(line) >= line.Num("product_uom_qty") ? "invoiced" : "no";
    }

    private string? Usage(int? locationId) => locationId is int id ? Env.Store.Find("stock.location", id)?.Str("usage") : null;
}
