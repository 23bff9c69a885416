using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>stock.picking.type: WH Receipts (WH/IN/) and Delivery Orders (WH/OUT/).</summary>
internal sealed class StockPickingTypeModel : OdooModel
{
    public StockPickingTypeModel(OdooEnv env)
        : base(env, "stock.picking.type", "Picking Type")
    {
        Add("name", FieldType.Char, required: true, label: "Operation Type");
        Add("code", FieldType.Selection, selection: ["incoming", "outgoing", "internal"], required: true, label: "Type of Operation");
        Add("sequence_code", FieldType.Char, required: true, label: "Sequence Prefix");
        Add("warehouse_id", FieldType.Many2One, comodel: "stock.warehouse", label: "Warehouse");
        Add("default_location_src_id", FieldType.Many2One, comodel: "stock.location", label: "Default Source Location");
        Add("default_location_dest_id", FieldType.Many2One, comodel: "stock.location", label: "Default Destination Location");
        Add("return_picking_type_id", FieldType.Many2One, comodel: "stock.picking.type", label: "Operation Type for Returns");
        Add("active", FieldType.Boolean, @default: _ => true);
    }

    public override string DisplayName(OdooRecord record)
    {
        var name = record.Str("name") ?? "";
        return record.Ref("warehouse_id") is int w && Env.Store.Find("stock.warehouse", w) is { } warehouse
            ? $"{warehouse.Str("name")}: {name}"
            : name;
    }

    /// <summary>Next picking name for this type: <c>WH/OUT/00001</c>.</summary>
    public string NextName(OdooRecord type)
    {
        var warehouse = type.Ref("warehouse_id") is int w ? Env.Store.Find("stock.warehouse", w)?.Str("code") : null;
        var prefix = $"{warehouse ?? "WH"}/{type.Str("sequence_code")}/";
        return Env.Sequence("picking:" + prefix, prefix, 5);
    }
}
