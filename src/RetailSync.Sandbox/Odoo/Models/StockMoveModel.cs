using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// stock.move: demand (<c>product_uom_qty</c>), <c>quantity</c> (reserved, then done, as in 17/18) and
/// <c>picked</c>. Writing <c>quantity</c> releases surplus reservation and updates the move and picking states.
/// </summary>
internal sealed class StockMoveModel : OdooModel
{
    public StockMoveModel(OdooEnv env)
        : base(env, "stock.move", "Stock Move")
    {
        Add("name", FieldType.Char, label: "Description");
        Add("reference", FieldType.Char, compute: r => r.Ref("picking_id") is int p ? Env.Store.Find("stock.picking", p)?.Str("name") : r.Str("name"));
        Add("product_id", FieldType.Many2One, comodel: "product.product", required: true, label: "Product");
        Add("product_uom_qty", FieldType.Float, @default: _ => 0m, label: "Demand");
        Add("quantity", FieldType.Float, @default: _ => 0m, label: "Quantity");
        Add("picked", FieldType.Boolean);
        Add("state", FieldType.Selection, selection: ["draft", "waiting", "confirmed", "partially_available", "assigned", "done", "cancel"], @default: _ => "draft", label: "Status");
        Add("location_id", FieldType.Many2One, comodel: "stock.location", required: true, label: "Source Location");
        Add("location_dest_id", FieldType.Many2One, comodel: "stock.location", required: true, label: "Destination Location");
        Add("picking_id", FieldType.Many2One, comodel: "stock.picking", label: "Transfer");
        Add("picking_type_id", FieldType.Many2One, comodel: "stock.picking.type", label: "Operation Type");
        Add("sale_line_id", FieldType.Many2One, comodel: "sale.order.line", label: "Sale Line");
        Add("origin_returned_move_id", FieldType.Many2One, comodel: "stock.move", label: "Origin return move");
        Add("to_refund", FieldType.Boolean, label: "Update quantities on SO/PO");
        Add("scrapped", FieldType.Boolean);
        Add("scrap_id", FieldType.Many2One, comodel: "stock.scrap", label: "Scrap operation");
        Add("origin", FieldType.Char, label: "Source Document");
        Add("date", FieldType.Datetime, @default: c => c.Env.Now, label: "Date Scheduled");
    }

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        if (vals["picking_id"] is JsonNode node && !ValueCodec.IsFalse(node))
        {
            var picking = Env.Get("stock.picking", (int)ValueCodec.Number(node));
            vals["location_id"] ??= picking.Ref("location_id");
            vals["location_dest_id"] ??= picking.Ref("location_dest_id");
            vals["picking_type_id"] ??= picking.Ref("picking_type_id");
            if (!vals.ContainsKey("state") && picking.Str("state") is not "draft")
            {
                vals["state"] = "confirmed";
            }
        }

        if (!vals.ContainsKey("name") && vals["product_id"] is JsonNode product && !ValueCodec.IsFalse(product))
        {
            var products = Env.Model("product.product");
            vals["name"] = products.DisplayName(Env.Get(products.Name, (int)ValueCodec.Number(product)));
        }
    }

    protected override void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx)
    {
        if (record.Ref("picking_id") is int p)
        {
            Stock.RefreshMoveState(Env, record);
            Stock.RefreshPickingState(Env, Env.Get("stock.picking", p));
        }
    }

    protected override void BeforeWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx)
    {
        if (records.Any(m => m.Str("state") == "done") && (vals.ContainsKey("product_uom_qty") || vals.ContainsKey("product_id")))
        {
            throw OdooException.UserError("You cannot change the product or demand of a done stock move.");
        }
    }

    protected override void AfterWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx)
    {
        if (!vals.ContainsKey("quantity") && !vals.ContainsKey("product_uom_qty"))
        {
            return;
        }

        foreach (var move in records.Where(m => m.Str("state") is not ("done" or "cancel")))
        {
            Stock.Unreserve(Env, move, Math.Min(Stock.Reserved(move), move.Num("quantity")));
            Stock.RefreshMoveState(Env, move);
            if (move.Ref("picking_id") is int p)
            {
                Stock.RefreshPickingState(Env, Env.Get("stock.picking", p));
            }
        }
    }
}
