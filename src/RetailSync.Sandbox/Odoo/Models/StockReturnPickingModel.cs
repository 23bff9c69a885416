using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// stock.return.picking (wizard): created for a done picking (context active_id/active_ids/active_model or
/// <c>picking_id</c>), its lines are computed on create (17: the delivered quantity still returnable;
/// 18+: 0). 17 finishes with <c>create_returns</c> and can pick the return <c>location_id</c>; 18+ with
/// <c>action_create_returns</c> (or <c>action_create_returns_all</c>). The result is an incoming
/// WH/IN/000NN picking with <c>return_id</c> set and the sale order kept.
/// </summary>
internal sealed class StockReturnPickingModel : OdooModel
{
    public StockReturnPickingModel(OdooEnv env)
        : base(env, "stock.return.picking", "Return Picking")
    {
        Add("picking_id", FieldType.Many2One, comodel: "stock.picking", @default: ActivePicking, label: "Picking");
        Add("product_return_moves", FieldType.One2Many, comodel: "stock.return.picking.line", inverse: "wizard_id", label: "Moves");
        if (env.Version == 17)
        {
            Add("location_id", FieldType.Many2One, comodel: "stock.location", label: "Return Location");
            Method("create_returns", true, [], c => CreateReturns(c, returnAll: false));
        }
        else
        {
            Method("action_create_returns", true, [], c => CreateReturns(c, returnAll: false));
            Method("action_create_returns_all", true, [], c => CreateReturns(c, returnAll: true));
        }
    }

    private static object? ActivePicking(CallContext ctx)
    {
        if (ctx.Str("active_model") is not (null or "stock.picking"))
        {
            return null;
        }

        var ids = ctx.Ids("active_ids");
        return ctx.Int("active_id") ?? (ids.Count > 0 ? ids[0] : null);
    }

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        if (vals["picking_id"] is null && ActivePicking(ctx) is int active)
        {
            vals["picking_id"] = active;
        }

        if (vals["picking_id"] is not JsonNode node || ValueCodec.IsFalse(node))
        {
            throw OdooException.UserError("No picking to return: give picking_id or open the wizard with active_id.");
        }

        var picking = Env.Get("stock.picking", (int)ValueCodec.Number(node));
        if (picking.Str("state") != "done")
        {
            throw OdooException.UserError("You may only return Done pickings.");
        }

        if (Env.Version == 17 && vals["location_id"] is null)
        {
            vals["location_id"] = picking.Ref("location_id");
        }

        if (!vals.ContainsKey("product_return_moves"))
        {
            var commands = new JsonArray();
            foreach (var move in Stock.Moves(Env, picking.Id).Where(m => m.Str("state") == "done" && !m.Flag("scrapped")))
            {
                commands.Add(new JsonArray(0, 0, new JsonObject
                {
                    ["product_id"] = move.Ref("product_id"),
                    ["move_id"] = move.Id,
                    ["quantity"] = Env.Version == 17 ? ValueCodec.ToDouble(Returnable(move)) : 0,
                    ["to_refund"] = true,
                }));
            }

            vals["product_return_moves"] = commands;
        }
    }

    private decimal Returnable(OdooRecord move) =>
        move.Num("quantity") - Env.Store.All("stock.move")
            .Where(m => m.Ref("origin_returned_move_id") == move.Id && m.Str("state") != "cancel")
            .Sum(m => m.Num("product_uom_qty"));

    private JsonObject CreateReturns(MethodCall call, bool returnAll)
    {
        var wizard = call.Single();
        var picking = Env.Get("stock.picking", wizard.Ref("picking_id")!.Value);
        var lines = Env.Store.All("stock.return.picking.line").Where(l => l.Ref("wizard_id") == wizard.Id).ToList();
        if (returnAll)
        {
            foreach (var line in lines.Where(l => l.Ref("move_id") is not null))
            {
                Env.Store.Set(line, "quantity", Returnable(Env.Get("stock.move", line.Ref("move_id")!.Value)));
            }
        }

        var toReturn = lines.Where(l => l.Num("quantity") > 0m).ToList();
        if (toReturn.Count == 0)
        {
            throw OdooException.UserError("Please specify at least one non-zero quantity.");
        }

        var pickingType = Env.Get("stock.picking.type", picking.Ref("picking_type_id")!.Value);
        var returnType = pickingType.Ref("return_picking_type_id") is int r ? Env.Get("stock.picking.type", r) : pickingType;
        var destination = Env.Version == 17 ? wizard.Ref("location_id") ?? picking.Ref("location_id") : picking.Ref("location_id");
        var returned = Env.Store.Insert("stock.picking", new Dictionary<string, object?>
        {
            ["name"] = Env.Model<StockPickingTypeModel>("stock.picking.type").NextName(returnType),
            ["origin"] = $"Return of {picking.Str("name")}",
            ["partner_id"] = picking.Ref("partner_id"),
            ["picking_type_id"] = returnType.Id,
            ["location_id"] = picking.Ref("location_dest_id"),
            ["location_dest_id"] = destination,
            ["state"] = "draft",
            ["move_type"] = "direct",
            ["sale_id"] = picking.Ref("sale_id"),
            ["return_id"] = picking.Id,
            ["scheduled_date"] = Env.Now,
            ["create_date"] = Env.Now,
            ["write_date"] = Env.Now,
        });
        foreach (var line in toReturn)
        {
            var original = line.Ref("move_id") is int m ? Env.Get("stock.move", m) : null;
            var move = Env.Store.Insert("stock.move", new Dictionary<string, object?>
            {
                ["name"] = original?.Str("name") ?? Env.Model("product.product").DisplayName(Env.Get("product.product", line.Ref("product_id")!.Value)),
                ["product_id"] = line.Ref("product_id"),
                ["product_uom_qty"] = line.Num("quantity"),
                ["quantity"] = 0m,
                ["picked"] = false,
                ["state"] = "confirmed",
                ["location_id"] = returned.Ref("location_id"),
                ["location_dest_id"] = destination,
                ["picking_id"] = returned.Id,
                ["picking_type_id"] = returnType.Id,
                ["sale_line_id"] = line.Flag("to_refund") ? original?.Ref("sale_line_id") : null,
                ["origin_returned_move_id"] = original?.Id,
                ["to_refund"] = line.Flag("to_refund"),
                ["origin"] = returned.Str("origin"),
                ["date"] = Env.Now,
                ["create_date"] = Env.Now,
                ["write_date"] = Env.Now,
            });
            Stock.Reserve(Env, move);
        }

        Stock.RefreshPickingState(Env, returned);
        var context = (JsonObject)call.Ctx.Context.DeepClone();
        context["default_partner_id"] = picking.Ref("partner_id");
        return new JsonObject
        {
            ["name"] = "Returned Picking",
            ["view_mode"] = "form",
            ["res_model"] = "stock.picking",
            ["res_id"] = returned.Id,
            ["type"] = "ir.actions.act_window",
            ["context"] = context,
        };
    }
}
