using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>account.tax: the generic chart's 15% sale and purchase taxes.</summary>
internal sealed class AccountTaxModel : OdooModel
{
    public AccountTaxModel(OdooEnv env)
        : base(env, "account.tax", "Tax")
    {
        Add("name", FieldType.Char, required: true, label: "Tax Name");
        Add("amount", FieldType.Float);
        Add("amount_type", FieldType.Selection, selection: ["group", "fixed", "percent", "division"], @default: _ => "percent", label: "Tax Computation");
        Add("type_tax_use", FieldType.Selection, selection: ["sale", "purchase", "none"], @default: _ => "sale", label: "Tax Type");
        Add("description", FieldType.Char);
        Add("active", FieldType.Boolean, @default: _ => true);
    }

    protected override string DefaultOrder => "name, id";

    /// <summary>The tax amount on an untaxed base, rounded per line as the generic chart does.</summary>
    public decimal TaxOn(IEnumerable<int> taxIds, decimal untaxed)
    {
        var total = 0m;
        foreach (var id in taxIds)
        {
            var tax = Env.Get(Name, id);
            total += tax.Str("amount_type") == "fixed"
                ? tax.Num("amount")
                : Math.Round(untaxed * tax.Num("amount") / 100m, 2, MidpointRounding.AwayFromZero);
        }

        return total;
    }
}
