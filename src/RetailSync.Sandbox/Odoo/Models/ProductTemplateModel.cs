using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// product.template. Stocked products are <c>type=product</c> in 17 (with <c>detailed_type</c>) and
/// <c>type=consu</c> + <c>is_storable</c> in 18 and later.
/// </summary>
internal sealed class ProductTemplateModel : OdooModel
{
    public ProductTemplateModel(OdooEnv env)
        : base(env, "product.template", "Product")
    {
        AddProductFields(this, env, null);
        Add("product_variant_ids", FieldType.One2Many, comodel: "product.product", inverse: "product_tmpl_id", label: "Products");
        Add("qty_available", FieldType.Float, compute: r => Stock.OnHand(Env, Variants(r)), label: "Quantity On Hand");
    }

    protected override string DefaultOrder => "name, id";

    public static IReadOnlyList<string> Types(OdooEnv env) =>
        env.Version >= 18 ? ["consu", "service", "combo"] : ["consu", "service", "product"];

    /// <summary>The fields product.product delegates to its template (declared once for both models).</summary>
    public static void AddProductFields(OdooModel model, OdooEnv env, string? delegateVia)
    {
        FieldDef add(string name, FieldType type, IReadOnlyList<string>? selection, Func<CallContext, object?>? @default, string? comodel, string? label, bool required) =>
            model.Add(name, type, comodel: comodel, selection: selection, @default: delegateVia is null ? @default : null, delegateVia: delegateVia, required: required && delegateVia is null, owner: "product.template", label: label);
        add("name", FieldType.Char, null, null, null, null, true);
        add("default_code", FieldType.Char, null, null, null, "Internal Reference", false);
        add("barcode", FieldType.Char, null, null, null, null, false);
        add("list_price", FieldType.Float, null, _ => 1m, null, "Sales Price", false);
        add("standard_price", FieldType.Float, null, _ => 0m, null, "Cost", false);
        add("type", FieldType.Selection, Types(env), _ => "consu", null, "Product Type", true);
        if (env.Version == 17)
        {
            add("detailed_type", FieldType.Selection, ["consu", "service", "product"], _ => "consu", null, "Product Type", true);
        }
        else
        {
            add("is_storable", FieldType.Boolean, null, _ => false, null, "Track Inventory", false);
        }

        add("invoice_policy", FieldType.Selection, ["order", "delivery"], _ => "order", null, "Invoicing Policy", false);
        add("taxes_id", FieldType.Many2Many, null, c => c.Env.Model<AccountTaxModel>("account.tax").Search(new JsonArray(new JsonArray("type_tax_use", "=", "sale")), c).Take(1).Select(t => t.Id).ToList(), "account.tax", "Customer Taxes", false);
        add("sale_ok", FieldType.Boolean, null, _ => true, null, "Can be Sold", false);
        add("purchase_ok", FieldType.Boolean, null, _ => true, null, "Can be Purchased", false);
        add("description_sale", FieldType.Text, null, null, null, "Sales Description", false);
        add("active", FieldType.Boolean, null, _ => true, null, null, false);
    }

    public IEnumerable<int> Variants(OdooRecord template) =>
        Env.Store.All("product.product").Where(p => p.Ref("product_tmpl_id") == template.Id).Select(p => p.Id);

    protected override void BeforeCreate(JsonObject vals, CallContext ctx) => SyncTypes(vals);

    protected override void BeforeWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx) => SyncTypes(vals);

    protected override void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx)
    {
        if (!ctx.Flag("skip_delegated_children"))
        {
            Env.Model("product.product").CreateOne(new JsonObject { ["product_tmpl_id"] = record.Id }, ctx);
        }
    }

    private void SyncTypes(JsonObject vals)
    {
        if (Env.Version != 17)
        {
            return;
        }

        if (vals.ContainsKey("detailed_type") && !vals.ContainsKey("type"))
        {
            vals["type"] = vals["detailed_type"]?.DeepClone();
        }
        else if (vals.ContainsKey("type") && !vals.ContainsKey("detailed_type"))
        {
            vals["detailed_type"] = vals["type"]?.DeepClone();
        }
    }
}
