using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// stock.quant: on-hand and reserved quantity per product and location. With context
/// <c>inventory_mode</c>, create sets (or updates an existing quant's) <c>inventory_quantity</c> and
/// <c>action_apply_inventory</c> (returns None) makes it the on-hand quantity.
/// </summary>
internal sealed class StockQuantModel : OdooModel
{
    public StockQuantModel(OdooEnv env)
        : base(env, "stock.quant", "Quants")
    {
        Add("product_id", FieldType.Many2One, comodel: "product.product", required: true, label: "Product");
        Add("location_id", FieldType.Many2One, comodel: "stock.location", required: true, label: "Location");
        Add("quantity", FieldType.Float);
        Add("reserved_quantity", FieldType.Float, label: "Reserved Quantity");
        Add("inventory_quantity", FieldType.Float, label: "Counted Quantity");
        Add("inventory_quantity_set", FieldType.Boolean, label: "Inventory Quantity Set");
        Add("inventory_diff_quantity", FieldType.Float, compute: r => r.Flag("inventory_quantity_set") ? r.Num("inventory_quantity") - r.Num("quantity") : 0m, label: "Difference");
        Add("available_quantity", FieldType.Float, compute: r => r.Num("quantity") - r.Num("reserved_quantity"), label: "Available Quantity");
        Button("action_apply_inventory", ApplyInventory);
    }

    protected override OdooRecord? FindExisting(JsonObject vals, CallContext ctx)
    {
        if (!ctx.Flag("inventory_mode") || vals["product_id"] is null || vals["location_id"] is null)
        {
            return null;
        }

        var productId = (int)ValueCodec.Number(vals["product_id"]);
        var locationId = (int)ValueCodec.Number(vals["location_id"]);
        var existing = Env.Store.All(Name).FirstOrDefault(q => q.Ref("product_id") == productId && q.Ref("location_id") == locationId);
        if (existing is not null && vals.ContainsKey("inventory_quantity"))
        {
            Env.Store.Set(existing, "inventory_quantity", ValueCodec.Number(vals["inventory_quantity"]));
            Env.Store.Set(existing, "inventory_quantity_set", true);
        }

        return existing;
    }

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        if (vals["product_id"] is JsonNode product && !Env.Model<ProductProductModel>("product.product").IsStorable((int)ValueCodec.Number(product)))
        {
            throw OdooException.UserError("Quants cannot be created for consumables or services.");
        }

        if (ctx.Flag("inventory_mode") && vals.ContainsKey("inventory_quantity"))
        {
            vals["inventory_quantity_set"] = true;
        }
    }

    private NoResult ApplyInventory(MethodCall call)
    {
        foreach (var quant in call.Records())
        {
            if (!quant.Flag("inventory_quantity_set"))
            {
                continue;
            }

            Env.Store.Set(quant, "quantity", quant.Num("inventory_quantity"));
            Env.Store.Set(quant, "inventory_quantity", 0m);
            Env.Store.Set(quant, "inventory_quantity_set", false);
        }

        return NoResult.Instance;
    }
}
