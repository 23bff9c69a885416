using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// account.move.reversal (wizard): created with context <c>active_model=account.move</c> and
/// <c>active_ids</c>; <c>refund_moves</c> creates a draft out_refund for the whole invoice with
/// <c>reversed_entry_id</c> set. Partial credit: edit the credit note's line quantities before posting.
/// </summary>
internal sealed class AccountMoveReversalModel : OdooModel
{
    public AccountMoveReversalModel(OdooEnv env)
        : base(env, "account.move.reversal", "Account move reversal")
    {
        Add("move_ids", FieldType.Many2Many, comodel: "account.move", @default: c => c.Str("active_model") == "account.move" ? c.Ids("active_ids").ToList() : new List<int>(), label: "Journal Entry");
        Add("reason", FieldType.Char);
        Add("date", FieldType.Date, @default: c => c.Env.Today, label: "Reversal date");
        Add("journal_id", FieldType.Many2One, comodel: "account.journal", label: "Use Specific Journal");
        Button("refund_moves", c => Reverse(c));
        Button("reverse_moves", c => Reverse(c));
    }

    private JsonObject Reverse(MethodCall call)
    {
        var wizard = call.Single();
        var accounting = Env.Model<AccountMoveModel>("account.move");
        var created = new List<int>();
        var moves = wizard.Ids("move_ids").Select(id => Env.Get("account.move", id)).ToList();
        if (moves.Count == 0)
        {
            throw OdooException.UserError("No journal entry to reverse: open the wizard with active_model account.move and active_ids.");
        }

        foreach (var move in moves)
        {
            if (move.Str("state") != "posted")
            {
                throw OdooException.UserError("You can only reverse posted moves.");
            }

            var commands = new JsonArray();
            foreach (var line in accounting.Lines(move).Where(l => l.Str("display_type") is "product" or null))
            {
                commands.Add(new JsonArray(0, 0, new JsonObject
                {
                    ["product_id"] = line.Ref("product_id"),
                    ["name"] = line.Str("name"),
                    ["quantity"] = ValueCodec.ToDouble(line.Num("quantity")),
                    ["price_unit"] = ValueCodec.ToDouble(line.Num("price_unit")),
                    ["discount"] = ValueCodec.ToDouble(line.Num("discount")),
                    ["tax_ids"] = new JsonArray(new JsonArray(6, 0, new JsonArray(line.Ids("tax_ids").Select(t => (JsonNode)t).ToArray()))),
                    ["sale_line_ids"] = new JsonArray(new JsonArray(6, 0, new JsonArray(line.Ids("sale_line_ids").Select(t => (JsonNode)t).ToArray()))),
                }));
            }

            var reason = wizard.Str("reason");
            var refund = accounting.CreateOne(
                new JsonObject
                {
                    ["move_type"] = move.Str("move_type") == "out_refund" ? "out_invoice" : "out_refund",
                    ["partner_id"] = move.Ref("partner_id"),
                    ["journal_id"] = wizard.Ref("journal_id") ?? move.Ref("journal_id"),
                    ["invoice_origin"] = move.Str("invoice_origin"),
                    ["ref"] = string.IsNullOrEmpty(reason) ? $"Reversal of: {move.Str("name")}" : $"Reversal of: {move.Str("name")}, {reason}",
                    ["date"] = wizard.Str("date") ?? Env.Today,
                    ["reversed_entry_id"] = move.Id,
                    ["invoice_line_ids"] = commands,
                },
                new CallContext(Env, null));
            created.Add(refund.Id);
        }

        var action = new JsonObject
        {
            ["name"] = "Reverse Moves",
            ["type"] = "ir.actions.act_window",
            ["res_model"] = "account.move",
        };
        if (created.Count == 1)
        {
            action["view_mode"] = "form";
            action["res_id"] = created[0];
        }
        else
        {
            action["view_mode"] = "list,form";
            action["domain"] = new JsonArray(new JsonArray("id", "in", new JsonArray(created.Select(i => (JsonNode)i).ToArray())));
        }

        return action;
    }
}
