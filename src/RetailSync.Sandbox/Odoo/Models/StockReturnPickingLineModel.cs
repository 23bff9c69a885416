using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>stock.return.picking.line: one product to return, its <c>quantity</c> and <c>to_refund</c>.</summary>
internal sealed class StockReturnPickingLineModel : OdooModel
{
    public StockReturnPickingLineModel(OdooEnv env)
        : base(env, "stock.return.picking.line", "Return Picking Line")
    {
        Add("wizard_id", FieldType.Many2One, comodel: "stock.return.picking", label: "Wizard");
        Add("product_id", FieldType.Many2One, comodel: "product.product", required: true, label: "Product");
        Add("quantity", FieldType.Float);
        Add("move_id", FieldType.Many2One, comodel: "stock.move", label: "Move");
        Add("to_refund", FieldType.Boolean, @default: _ => true, label: "Update quantities on SO/PO");
    }
}
