using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// account.payment.register (wizard): created with context <c>active_model=account.move</c> and
/// <c>active_ids</c>; <c>action_create_payments</c> creates one payment (inbound for invoices, outbound
/// for credit notes) reconciled with the moves, whose <c>payment_state</c> becomes paid or partial.
/// </summary>
internal sealed class AccountPaymentRegisterModel : OdooModel
{
    private const string MovesKey = "__move_ids";

    public AccountPaymentRegisterModel(OdooEnv env)
        : base(env, "account.payment.register", "Register Payment")
    {
        Add("journal_id", FieldType.Many2One, comodel: "account.journal", label: "Journal");
        Add("amount", FieldType.Monetary);
        Add("payment_date", FieldType.Date, @default: c => c.Env.Today);
        Add("communication", FieldType.Char, label: "Memo");
        Add("group_payment", FieldType.Boolean, @default: _ => true);
        Add("payment_type", FieldType.Selection, selection: ["outbound", "inbound"], compute: r => PaymentType(r), label: "Payment Type");
        Add("partner_id", FieldType.Many2One, comodel: "res.partner", compute: r => Moves(r).FirstOrDefault()?.Ref("partner_id"), label: "Customer/Vendor");
        Add("line_ids", FieldType.Many2Many, comodel: "account.move.line", compute: r => Moves(r).SelectMany(m => Env.Model<AccountMoveModel>("account.move").Lines(m)).Select(l => l.Id).ToList(), label: "Journal items");
        Button("action_create_payments", CreatePayments);
    }

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        var activeModel = ctx.Str("active_model");
        if (activeModel is not ("account.move" or "account.move.line"))
        {
            throw OdooException.UserError("The register payment wizard should only be called on account.move or account.move.line records.");
        }

        var ids = ctx.Ids("active_ids");
        var moves = (activeModel == "account.move"
                ? ids.Select(id => Env.Get("account.move", id))
                : ids.Select(id => Env.Get("account.move", Env.Get("account.move.line", id).Ref("move_id")!.Value)))
            .DistinctBy(m => m.Id).ToList();
        if (moves.Count == 0 || moves.Exists(m => m.Str("state") != "posted"))
        {
            throw OdooException.UserError("You can only register payment for posted journal items.");
        }

        var accounting = Env.Model<AccountMoveModel>("account.move");
        var residual = moves.Sum(accounting.Residual);
        if (residual <= 0m)
        {
            throw OdooException.UserError("You can't register a payment because there is nothing left to pay on the selected journal items.");
        }

        vals["amount"] ??= ValueCodec.ToDouble(residual);
        vals["communication"] ??= string.Join(" ", moves.Select(m => m.Str("payment_reference") ?? m.Str("name")));
        vals["journal_id"] ??= Env.Model<AccountJournalModel>("account.journal").ByType("bank").Id;
        vals[MovesKey] = new JsonArray(moves.Select(m => (JsonNode)m.Id).ToArray());
    }

    protected override void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx) =>
        Env.Store.Set(record, MovesKey, ValueCodec.IdList(vals[MovesKey]));

    private List<OdooRecord> Moves(OdooRecord wizard) =>
        (wizard.Raw(MovesKey) as IReadOnlyList<int> ?? []).Select(id => Env.Get("account.move", id)).ToList();

    private string PaymentType(OdooRecord wizard) =>
        Moves(wizard).FirstOrDefault()?.Str("move_type") is "out_refund" or "in_invoice" ? "outbound" : "inbound";

    private object? CreatePayments(MethodCall call)
    {
        var wizard = call.Single();
        var moves = Moves(wizard);
        var accounting = Env.Model<AccountMoveModel>("account.move");
        var payments = Env.Model<AccountPaymentModel>("account.payment");
        var journalId = wizard.Ref("journal_id") ?? Env.Model<AccountJournalModel>("account.journal").ByType("bank").Id;
        var journalType = Env.Get("account.journal", journalId).Str("type");
        if (journalType is not ("bank" or "cash" or "credit"))
        {
            throw OdooException.UserError("The journal of a payment must be a bank, cash or credit card journal.");
        }

        var amount = wizard.Num("amount");
        if (amount <= 0m)
        {
            throw OdooException.UserError("The payment amount must be strictly positive.");
        }

        var residual = moves.Sum(accounting.Residual);
        var payment = Env.Store.Insert(payments.Name, new Dictionary<string, object?>
        {
            ["name"] = payments.NextName(journalId),
            ["payment_type"] = PaymentType(wizard),
            ["partner_type"] = "customer",
            ["partner_id"] = moves[0].Ref("partner_id"),
            ["amount"] = amount,
            ["date"] = wizard.Str("payment_date") ?? Env.Today,
            ["journal_id"] = journalId,
            [payments.MemoField] = wizard.Str("communication"),
            ["state"] = payments.PostedState,
            ["reconciled_invoice_ids"] = moves.Select(m => m.Id).ToList(),
            [AccountPaymentModel.AppliedKey] = Math.Min(amount, residual),
            ["create_date"] = Env.Now,
            ["write_date"] = Env.Now,
        });

        if (call.Ctx.Flag("dont_redirect_to_payments"))
        {
            return true;
        }

        return new JsonObject
        {
            ["name"] = "Payments",
            ["type"] = "ir.actions.act_window",
            ["res_model"] = "account.payment",
            ["context"] = new JsonObject { ["create"] = false },
            ["view_mode"] = "form",
            ["res_id"] = payment.Id,
        };
    }
}
