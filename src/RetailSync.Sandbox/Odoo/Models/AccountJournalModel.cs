using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>account.journal: Customer Invoices (INV), Bank (BNK1), Cash (CSH1), Stripe (STRP), Shopify Payments (SHOP) and the rest of a generic chart.</summary>
internal sealed class AccountJournalModel : OdooModel
{
    public AccountJournalModel(OdooEnv env)
        : base(env, "account.journal", "Journal")
    {
        Add("name", FieldType.Char, required: true, label: "Journal Name");
        Add("code", FieldType.Char, required: true, label: "Short Code");
        Add(
            "type",
            FieldType.Selection,
            selection: env.Version >= 18 ? ["sale", "purchase", "cash", "bank", "credit", "general"] : ["sale", "purchase", "cash", "bank", "general"],
            required: true);
        Add("active", FieldType.Boolean, @default: _ => true);
        Add("sequence", FieldType.Integer, @default: _ => 10L);
    }

    protected override string DefaultOrder => "sequence, type, code";

    public OdooRecord ByType(string type) =>
        Env.Store.All(Name).FirstOrDefault(j => j.Str("type") == type && j.Flag("active"))
        ?? throw OdooException.UserError($"No journal of type {type} could be found. Please create one first.");
}
