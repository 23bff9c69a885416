using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>stock.warn.insufficient.qty.scrap (wizard): <c>action_done</c> scraps anyway (on-hand may go negative).</summary>
internal sealed class StockWarnInsufficientQtyScrapModel : OdooModel
{
    public StockWarnInsufficientQtyScrapModel(OdooEnv env)
        : base(env, "stock.warn.insufficient.qty.scrap", "Warn Insufficient Scrap Quantity")
    {
        Add("product_id", FieldType.Many2One, comodel: "product.product", label: "Product");
        Add("location_id", FieldType.Many2One, comodel: "stock.location", label: "Location");
        Add("scrap_id", FieldType.Many2One, comodel: "stock.scrap", label: "Scrap");
        Add("quantity", FieldType.Float);
        Add("product_uom_name", FieldType.Char);
        Button("action_done", c =>
        {
            foreach (var wizard in c.Records().Where(w => w.Ref("scrap_id") is not null))
            {
                Env.Model<StockScrapModel>("stock.scrap").DoScrap(Env.Get("stock.scrap", wizard.Ref("scrap_id")!.Value));
            }

            return true;
        });
    }
}
