using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>stock.location: views, WH/Stock, quarantine and vendor-return locations, customers, vendors, scrap.</summary>
internal sealed class StockLocationModel : OdooModel
{
    public StockLocationModel(OdooEnv env)
        : base(env, "stock.location", "Inventory Locations")
    {
        Add("name", FieldType.Char, required: true, label: "Location Name");
        Add("complete_name", FieldType.Char, compute: DisplayName, label: "Full Location Name");
        Add("usage", FieldType.Selection, selection: ["supplier", "view", "internal", "customer", "inventory", "production", "transit"], @default: _ => "internal", required: true, label: "Location Type");
        Add("location_id", FieldType.Many2One, comodel: "stock.location", label: "Parent Location");
        Add("child_ids", FieldType.One2Many, comodel: "stock.location", inverse: "location_id", label: "Contains");
        Add("scrap_location", FieldType.Boolean, label: "Is a Scrap Location?");
        Add("return_location", FieldType.Boolean, label: "Is a Return Location?");
        Add("barcode", FieldType.Char);
        Add("active", FieldType.Boolean, @default: _ => true);
    }

    public override string? ParentField => "location_id";

    protected override string DefaultOrder => "complete_name, id";

    public override string DisplayName(OdooRecord record)
    {
        var name = record.Str("name") ?? "";
        return record.Ref("location_id") is int parentId && record.Str("usage") != "view" && Env.Store.Find(Name, parentId) is { } parent
            ? $"{DisplayName(parent)}/{name}"
            : name;
    }
}
