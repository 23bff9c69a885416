using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>stock.warehouse: the one warehouse "WH"; <c>lot_stock_id</c> is WH/Stock.</summary>
internal sealed class StockWarehouseModel : OdooModel
{
    public StockWarehouseModel(OdooEnv env)
        : base(env, "stock.warehouse", "Warehouse")
    {
        Add("name", FieldType.Char, required: true, label: "Warehouse");
        Add("code", FieldType.Char, required: true, label: "Short Name");
        Add("view_location_id", FieldType.Many2One, comodel: "stock.location", label: "View Location");
        Add("lot_stock_id", FieldType.Many2One, comodel: "stock.location", label: "Location Stock");
        Add("in_type_id", FieldType.Many2One, comodel: "stock.picking.type", label: "In Type");
        Add("out_type_id", FieldType.Many2One, comodel: "stock.picking.type", label: "Out Type");
        Add("active", FieldType.Boolean, @default: _ => true);
    }
}
