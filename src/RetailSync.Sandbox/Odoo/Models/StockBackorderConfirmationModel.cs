using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// stock.backorder.confirmation (wizard): created with the context of button_validate's action;
/// <c>process</c> keeps the remainder in a backorder, <c>process_cancel_backorder</c> drops it.
/// </summary>
internal sealed class StockBackorderConfirmationModel : OdooModel
{
    public StockBackorderConfirmationModel(OdooEnv env)
        : base(env, "stock.backorder.confirmation", "Backorder Confirmation")
    {
        Add("pick_ids", FieldType.Many2Many, comodel: "stock.picking", label: "Pick");
        Add("show_transfers", FieldType.Boolean);
        Button("process", c => Run(c, backorder: true));
        Button("process_cancel_backorder", c => Run(c, backorder: false));
    }

    private object? Run(MethodCall call, bool backorder)
    {
        var pickings = Env.Model<StockPickingModel>("stock.picking");
        foreach (var wizard in call.Records())
        {
            var ids = call.Ctx.Ids("button_validate_picking_ids");
            var targets = (ids.Count > 0 ? ids : wizard.Ids("pick_ids"))
                .Select(id => Env.Get("stock.picking", id))
                .Where(p => p.Str("state") is not ("done" or "cancel"))
                .ToList();
            foreach (var picking in targets.Where(p => Stock.Moves(Env, p.Id).All(m => m.Str("state") is "done" or "cancel" || m.Num("quantity") <= 0m)))
            {
                throw OdooException.UserError(StockPickingModel.NothingReserved);
            }

            var dropped = wizard.Ids("pick_ids").ToHashSet();
            pickings.Process(targets, p => backorder || !dropped.Contains(p.Id));
        }

        return true;
    }
}
