using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// stock.scrap: <c>action_validate</c> moves <c>scrap_qty</c> from <c>location_id</c> (default WH/Stock)
/// to the scrap location with a done move, or answers the stock.warn.insufficient.qty.scrap action when
/// the location does not hold enough.
/// </summary>
internal sealed class StockScrapModel : OdooModel
{
    public StockScrapModel(OdooEnv env)
        : base(env, "stock.scrap", "Scrap")
    {
        Add("name", FieldType.Char, @default: _ => "New", label: "Reference");
        Add("origin", FieldType.Char, label: "Source Document");
        Add("product_id", FieldType.Many2One, comodel: "product.product", required: true, label: "Product");
        Add("scrap_qty", FieldType.Float, @default: _ => 1m, label: "Quantity");
        Add("location_id", FieldType.Many2One, comodel: "stock.location", @default: _ => SandboxSeeder.StockLocationId, label: "Source Location");
        Add("scrap_location_id", FieldType.Many2One, comodel: "stock.location", @default: c => c.Env.Store.All("stock.location").FirstOrDefault(l => l.Flag("scrap_location"))?.Id, label: "Scrap Location");
        Add("picking_id", FieldType.Many2One, comodel: "stock.picking", label: "Picking");
        Add("move_ids", FieldType.One2Many, comodel: "stock.move", inverse: "scrap_id", label: "Moves");
        Add("state", FieldType.Selection, selection: ["draft", "done"], @default: _ => "draft", label: "Status");
        Add("date_done", FieldType.Datetime, label: "Date");
        Button("action_validate", Validate);
        Button("do_scrap", c => { foreach (var s in c.Records()) { DoScrap(s); } return true; });
    }

    protected override void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx)
    {
        if (record.Str("name") is null or "New")
        {
            Env.Store.Set(record, "name", Env.Sequence("stock.scrap", "SP/", 5));
        }
    }

    public void DoScrap(OdooRecord scrap)
    {
        if (scrap.Str("state") == "done")
        {
            return;
        }

        var quantity = scrap.Num("scrap_qty");
        if (quantity <= 0m)
        {
            throw OdooException.UserError("You can only enter positive quantities.");
        }

        var move = Env.Store.Insert("stock.move", new Dictionary<string, object?>
        {
            ["name"] = scrap.Str("name"),
            ["product_id"] = scrap.Ref("product_id"),
            ["product_uom_qty"] = quantity,
            ["quantity"] = 0m,
            ["state"] = "confirmed",
            ["location_id"] = scrap.Ref("location_id"),
            ["location_dest_id"] = scrap.Ref("scrap_location_id"),
            ["scrapped"] = true,
            ["scrap_id"] = scrap.Id,
            ["origin"] = scrap.Str("origin") ?? scrap.Str("name"),
            ["date"] = Env.Now,
            ["create_date"] = Env.Now,
            ["write_date"] = Env.Now,
        });
        Stock.Done(Env, move, quantity);
        Env.Store.Set(scrap, "state", "done");
        Env.Store.Set(scrap, "date_done", Env.Now);
    }

    private object? Validate(MethodCall call)
    {
        var products = Env.Model<ProductProductModel>("product.product");
        foreach (var scrap in call.Records())
        {
            var productId = scrap.Ref("product_id")!.Value;
            if (products.IsStorable(productId) && Stock.Available(Env, productId, scrap.Ref("location_id")!.Value) < scrap.Num("scrap_qty"))
            {
                return new JsonObject
                {
                    ["name"] = products.DisplayName(Env.Get("product.product", productId)) + " : Insufficient Quantity To Scrap",
                    ["view_mode"] = "form",
                    ["res_model"] = "stock.warn.insufficient.qty.scrap",
                    ["type"] = "ir.actions.act_window",
                    ["context"] = new JsonObject
                    {
                        ["default_product_id"] = productId,
                        ["default_location_id"] = scrap.Ref("location_id"),
                        ["default_scrap_id"] = scrap.Id,
                        ["default_quantity"] = ValueCodec.ToDouble(scrap.Num("scrap_qty")),
                        ["default_product_uom_name"] = "Units",
                    },
                    ["target"] = "new",
                };
            }

            DoScrap(scrap);
        }

        return true;
    }
}
