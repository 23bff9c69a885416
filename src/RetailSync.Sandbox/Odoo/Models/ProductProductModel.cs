using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>product.product: the variant RetailSync orders; template fields are delegated (_inherits).</summary>
internal sealed class ProductProductModel : OdooModel
{
    public ProductProductModel(OdooEnv env)
        : base(env, "product.product", "Product Variant")
    {
        Add("product_tmpl_id", FieldType.Many2One, comodel: "product.template", required: true, label: "Product Template");
        ProductTemplateModel.AddProductFields(this, env, "product_tmpl_id");
        Add("lst_price", FieldType.Float, compute: r => GetValue(r, "list_price"), label: "Sales Price");
        Add("qty_available", FieldType.Float, compute: r => Stock.OnHand(Env, [r.Id]), label: "Quantity On Hand");
        Add("free_qty", FieldType.Float, compute: r => Stock.Free(Env, r.Id), label: "Free To Use Quantity");
        Add("virtual_available", FieldType.Float, compute: r => Stock.Forecast(Env, r.Id), label: "Forecasted Quantity");
    }

    protected override string DefaultOrder => "default_code, name, id";

    public override string DisplayName(OdooRecord record)
    {
        var code = GetValue(record, "default_code") as string;
        var name = GetValue(record, "name") as string ?? "";
        return string.IsNullOrEmpty(code) ? name : $"[{code}] {name}";
    }

    /// <summary>True when the product is tracked in stock (17: type product; 18+: consu with is_storable).</summary>
    public bool IsStorable(int productId)
    {
        var product = Env.Get(Name, productId);
        return Env.Version == 17
            ? GetValue(product, "type") as string == "product"
            : GetValue(product, "type") as string == "consu" && GetValue(product, "is_storable") is true;
    }

    public bool IsService(int productId) => GetValue(Env.Get(Name, productId), "type") as string == "service";
}
