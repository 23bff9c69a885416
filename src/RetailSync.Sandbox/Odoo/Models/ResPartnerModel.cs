using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>res.partner: customers and their contact/delivery/invoice addresses.</summary>
internal sealed class ResPartnerModel : OdooModel
{
    public ResPartnerModel(OdooEnv env)
        : base(env, "res.partner", "Contact")
    {
        Add("name", FieldType.Char);
        Add("email", FieldType.Char);
        Add("phone", FieldType.Char);
        Add("mobile", FieldType.Char);
        Add("street", FieldType.Char);
        Add("street2", FieldType.Char);
        Add("city", FieldType.Char);
        Add("zip", FieldType.Char);
        Add("country_id", FieldType.Many2One, comodel: "res.country", label: "Country");
        Add("ref", FieldType.Char, label: "Reference");
        Add("vat", FieldType.Char, label: "Tax ID");
        Add("website", FieldType.Char);
        Add("comment", FieldType.Html, label: "Notes");
        Add("is_company", FieldType.Boolean, label: "Is a Company");
        Add(
            "type",
            FieldType.Selection,
            selection: env.Version >= 18 ? ["contact", "invoice", "delivery", "other"] : ["contact", "invoice", "delivery", "private", "other"],
            @default: _ => "contact",
            label: "Address Type");
        Add("parent_id", FieldType.Many2One, comodel: "res.partner", label: "Related Company");
        Add("child_ids", FieldType.One2Many, comodel: "res.partner", inverse: "parent_id", label: "Contact");
        Add("customer_rank", FieldType.Integer);
        Add("active", FieldType.Boolean, @default: _ => true);
        Add("complete_name", FieldType.Char, compute: DisplayName);
    }

    public override string? ParentField => "parent_id";

    protected override string DefaultOrder => "complete_name, id desc";

    protected override void AfterCreate(OdooRecord record, System.Text.Json.Nodes.JsonObject vals, CallContext ctx) => CheckName([record]);

    protected override void AfterWrite(IReadOnlyList<OdooRecord> records, System.Text.Json.Nodes.JsonObject vals, CallContext ctx) => CheckName(records);

    private static void CheckName(IEnumerable<OdooRecord> partners)
    {
        if (partners.Any(p => string.IsNullOrEmpty(p.Str("name")) && (p.Str("type") ?? "contact") == "contact"))
        {
            throw OdooException.ValidationError("Contacts require a name");
        }
    }

    public override string DisplayName(OdooRecord record)
    {
        var name = record.Str("name") ?? "";
        if (record.Ref("parent_id") is int parentId && Env.Store.Find(Name, parentId) is { } parent)
        {
            var parentName = DisplayName(parent);
            return name.Length == 0 ? parentName : $"{parentName}, {name}";
        }

        return name;
    }
}
