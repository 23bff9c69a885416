using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// stock.picking: deliveries (WH/OUT) and receipts/returns (WH/IN). <c>button_validate</c> completes
/// reserved quantities, refuses a transfer with nothing reserved, and answers the
/// stock.backorder.confirmation action on a partial transfer unless <c>skip_backorder</c> is in context.
/// </summary>
internal sealed class StockPickingModel : OdooModel
{
    public const string NothingReserved =
        "You cannot validate a transfer if no quantities are reserved. To force the transfer, encode quantities.";

    public StockPickingModel(OdooEnv env)
        : base(env, "stock.picking", "Transfer")
    {
        Add("name", FieldType.Char, @default: _ => "/", label: "Reference");
        Add("origin", FieldType.Char, label: "Source Document");
        Add("partner_id", FieldType.Many2One, comodel: "res.partner", label: "Contact");
        Add("picking_type_id", FieldType.Many2One, comodel: "stock.picking.type", required: true, label: "Operation Type");
        Add("picking_type_code", FieldType.Selection, selection: ["incoming", "outgoing", "internal"], compute: r => Env.Get("stock.picking.type", r.Ref("picking_type_id")!.Value).Str("code"), label: "Type of Operation");
        Add("location_id", FieldType.Many2One, comodel: "stock.location", label: "Source Location");
        Add("location_dest_id", FieldType.Many2One, comodel: "stock.location", label: "Destination Location");
        Add("state", FieldType.Selection, selection: ["draft", "waiting", "confirmed", "assigned", "done", "cancel"], @default: _ => "draft", label: "Status");
        Add("move_type", FieldType.Selection, selection: ["direct", "one"], @default: _ => "direct", label: "Shipping Policy");
        Add("move_ids", FieldType.One2Many, comodel: "stock.move", inverse: "picking_id", label: "Stock Moves");
        Add("move_ids_without_package", FieldType.One2Many, comodel: "stock.move", inverse: "picking_id", label: "Stock moves not in package");
        Add("sale_id", FieldType.Many2One, comodel: "sale.order", label: "Sales Order");
        Add("backorder_id", FieldType.Many2One, comodel: "stock.picking", label: "Back Order of");
        Add("backorder_ids", FieldType.One2Many, comodel: "stock.picking", inverse: "backorder_id", label: "Back Orders");
        Add("return_id", FieldType.Many2One, comodel: "stock.picking", label: "Return of");
        Add("return_ids", FieldType.One2Many, comodel: "stock.picking", inverse: "return_id", label: "Returns");
        Add("carrier_tracking_ref", FieldType.Char, label: "Tracking Reference");
        Add("scheduled_date", FieldType.Datetime, @default: c => c.Env.Now, label: "Scheduled Date");
        Add("date_done", FieldType.Datetime, label: "Date of Transfer");
        Add("note", FieldType.Html, label: "Notes");

        Button("action_confirm", ConfirmMethod);
        Button("action_assign", AssignMethod);
        Button("do_unreserve", UnreserveMethod);
        Button("action_cancel", CancelMethod);
        Button("button_validate", Validate);
    }

    protected override string DefaultOrder => "scheduled_date, id desc";

    /// <summary>Validates pickings: <paramref name="backorder"/> true keeps the remainder in a backorder, false drops it.</summary>
    public void Process(IEnumerable<OdooRecord> pickings, Func<OdooRecord, bool> backorder)
    {
        foreach (var picking in pickings)
        {
            var moves = Stock.Moves(Env, picking.Id).Where(m => m.Str("state") is not ("done" or "cancel")).ToList();
            var anyPicked = moves.Exists(m => m.Flag("picked"));
            var remainders = new List<(OdooRecord Move, decimal Quantity)>();
            foreach (var move in moves)
            {
                var quantity = anyPicked && !move.Flag("picked") ? 0m : move.Num("quantity");
                var remainder = move.Num("product_uom_qty") - quantity;
                if (quantity <= 0m)
                {
                    if (backorder(picking))
                    {
                        remainders.Add((move, move.Num("product_uom_qty")));
                    }

                    Stock.Cancel(Env, move);
                    continue;
                }

                if (remainder > 0m)
                {
                    if (backorder(picking))
                    {
                        remainders.Add((move, remainder));
                    }

                    Env.Store.Set(move, "product_uom_qty", quantity);
                }

                Stock.Done(Env, move, quantity);
            }

            Env.Store.Set(picking, "state", "done");
            Env.Store.Set(picking, "date_done", Env.Now);
            if (remainders.Count > 0)
            {
                CreateBackorder(picking, remainders);
            }
        }
    }

    private void CreateBackorder(OdooRecord picking, List<(OdooRecord Move, decimal Quantity)> remainders)
    {
        var type = Env.Get("stock.picking.type", picking.Ref("picking_type_id")!.Value);
        var values = new Dictionary<string, object?>(picking.Values.Where(kv => kv.Key is not ("name" or "state" or "date_done" or "carrier_tracking_ref")), StringComparer.Ordinal)
        {
            ["name"] = Env.Model<StockPickingTypeModel>("stock.picking.type").NextName(type),
            ["backorder_id"] = picking.Id,
            ["state"] = "confirmed",
            ["create_date"] = Env.Now,
        };
        var backorder = Env.Store.Insert(Name, values);
        foreach (var (move, quantity) in remainders)
        {
            var copy = new Dictionary<string, object?>(move.Values.Where(kv => kv.Key != Stock.ReservedKey), StringComparer.Ordinal)
            {
                ["picking_id"] = backorder.Id,
                ["product_uom_qty"] = quantity,
                ["quantity"] = 0m,
                ["picked"] = false,
                ["state"] = "confirmed",
            };
            Stock.Reserve(Env, Env.Store.Insert("stock.move", copy));
        }

        Stock.RefreshPickingState(Env, backorder);
    }

    protected override void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx)
    {
        var type = Env.Get("stock.picking.type", record.Ref("picking_type_id")!.Value);
        if (record.Str("name") is null or "/")
        {
            Env.Store.Set(record, "name", Env.Model<StockPickingTypeModel>("stock.picking.type").NextName(type));
        }

        if (record.Ref("location_id") is null)
        {
            Env.Store.Set(record, "location_id", type.Ref("default_location_src_id"));
        }

        if (record.Ref("location_dest_id") is null)
        {
            Env.Store.Set(record, "location_dest_id", type.Ref("default_location_dest_id"));
        }
    }

    protected override void AfterWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx)
    {
        foreach (var picking in records)
        {
            foreach (var move in Stock.Moves(Env, picking.Id).Where(m => m.Str("state") is not ("done" or "cancel")))
            {
                if (vals.ContainsKey("location_dest_id"))
                {
                    Env.Store.Set(move, "location_dest_id", picking.Ref("location_dest_id"));
                }

                if (vals.ContainsKey("location_id") && Stock.Reserved(move) == 0m)
                {
                    Env.Store.Set(move, "location_id", picking.Ref("location_id"));
                }
            }
        }
    }

    private object? ConfirmMethod(MethodCall call)
    {
        foreach (var picking in call.Records())
        {
            foreach (var move in Stock.Moves(Env, picking.Id).Where(m => m.Str("state") == "draft").ToList())
            {
                Env.Store.Set(move, "state", "confirmed");
                Stock.Reserve(Env, move);
            }

            Stock.RefreshPickingState(Env, picking);
        }

        return true;
    }

    private object? AssignMethod(MethodCall call)
    {
        foreach (var picking in call.Records())
        {
            if (picking.Str("state") == "draft")
            {
                ConfirmMethod(new MethodCall(this, [picking.Id], call.Args, call.Ctx));
            }

            foreach (var move in Stock.Moves(Env, picking.Id).ToList())
            {
                Stock.Reserve(Env, move);
            }

            Stock.RefreshPickingState(Env, picking);
        }

        return true;
    }

    private object? UnreserveMethod(MethodCall call)
    {
        foreach (var picking in call.Records())
        {
            foreach (var move in Stock.Moves(Env, picking.Id).Where(m => m.Str("state") is not ("done" or "cancel")).ToList())
            {
                Stock.Unreserve(Env, move);
                Env.Store.Set(move, "quantity", 0m);
                Env.Store.Set(move, "picked", false);
                Stock.RefreshMoveState(Env, move);
            }

            Stock.RefreshPickingState(Env, picking);
        }

        return NoResult.Instance;
    }

    private object? CancelMethod(MethodCall call)
    {
        foreach (var picking in call.Records())
        {
            foreach (var move in Stock.Moves(Env, picking.Id).ToList())
            {
                Stock.Cancel(Env, move);
            }

            Stock.RefreshPickingState(Env, picking);
            if (picking.Str("state") != "done")
            {
                Env.Store.Set(picking, "state", "cancel");
            }
        }

        return true;
    }

    private object? Validate(MethodCall call)
    {
        var pickings = call.Records().Where(p => p.Str("state") is not ("done" or "cancel")).ToList();
        foreach (var picking in pickings.Where(p => p.Str("state") == "draft"))
        {
            ConfirmMethod(new MethodCall(this, [picking.Id], call.Args, call.Ctx));
        }

        foreach (var picking in pickings)
        {
            var moves = Stock.Moves(Env, picking.Id).Where(m => m.Str("state") is not ("done" or "cancel")).ToList();
            if (moves.Count == 0 || moves.TrueForAll(m => m.Num("quantity") <= 0m))
            {
                throw OdooException.UserError(NothingReserved);
            }
        }

        var noBackorder = call.Ctx.Ids("picking_ids_not_to_backorder").ToHashSet();
        if (!call.Ctx.Flag("skip_backorder"))
        {
            var partial = pickings.Where(p => !noBackorder.Contains(p.Id) && IsPartial(p)).ToList();
            if (partial.Count > 0)
            {
                return BackorderAction(pickings, partial, call.Ctx);
            }
        }

        Process(pickings, p => !noBackorder.Contains(p.Id));
        return true;
    }

    private bool IsPartial(OdooRecord picking)
    {
        var moves = Stock.Moves(Env, picking.Id).Where(m => m.Str("state") is not ("done" or "cancel")).ToList();
        var anyPicked = moves.Exists(m => m.Flag("picked"));
        return moves.Exists(m => (anyPicked && !m.Flag("picked") ? 0m : m.Num("quantity")) < m.Num("product_uom_qty"));
    }

    private static JsonObject BackorderAction(List<OdooRecord> pickings, List<OdooRecord> partial, CallContext ctx)
    {
        var context = (JsonObject)ctx.Context.DeepClone();
        context["button_validate_picking_ids"] = new JsonArray(pickings.Select(p => (JsonNode)p.Id).ToArray());
        context["default_show_transfers"] = false;
        context["default_pick_ids"] = new JsonArray(partial.Select(p => (JsonNode)new JsonArray(4, p.Id)).ToArray());
        return new JsonObject
        {
            ["name"] = "Create Backorder?",
            ["type"] = "ir.actions.act_window",
            ["view_mode"] = "form",
            ["res_model"] = "stock.backorder.confirmation",
            ["views"] = new JsonArray(new JsonArray(1500, "form")),
            ["view_id"] = 1500,
            ["target"] = "new",
            ["context"] = context,
        };
    }
}
