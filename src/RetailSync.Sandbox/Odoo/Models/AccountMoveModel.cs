using System.Globalization;
using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// account.move: customer invoices (out_invoice) and credit notes (out_refund). Drafts are named "/" (17)
/// or false (18+); <c>action_post</c> (returns false) names them INV/2026/00001 or RINV/2026/00001.
/// Residual and payment_state follow the payments registered against them.
/// </summary>
internal sealed class AccountMoveModel : OdooModel
{
    public AccountMoveModel(OdooEnv env)
        : base(env, "account.move", "Journal Entry")
    {
        Add("name", FieldType.Char, @default: _ => env.Version == 17 ? "/" : null, label: "Number");
        Add("move_type", FieldType.Selection, selection: ["entry", "out_invoice", "out_refund", "in_invoice", "in_refund", "out_receipt", "in_receipt"], @default: _ => "entry", required: true, label: "Type");
        Add("state", FieldType.Selection, selection: ["draft", "posted", "cancel"], @default: _ => "draft", required: true, label: "Status");
        Add("partner_id", FieldType.Many2One, comodel: "res.partner", label: "Partner");
        Add("journal_id", FieldType.Many2One, comodel: "account.journal", label: "Journal");
        Add("date", FieldType.Date, @default: c => c.Env.Today);
        Add("invoice_date", FieldType.Date, label: "Invoice/Bill Date");
        Add("invoice_origin", FieldType.Char, label: "Origin");
        Add("ref", FieldType.Char, label: "Reference");
        Add("payment_reference", FieldType.Char, label: "Payment Reference");
        Add("narration", FieldType.Html, label: "Terms and Conditions");
        Add("invoice_line_ids", FieldType.One2Many, comodel: "account.move.line", inverse: "move_id", label: "Invoice lines");
        Add("line_ids", FieldType.One2Many, comodel: "account.move.line", inverse: "move_id", label: "Journal Items");
        Add("reversed_entry_id", FieldType.Many2One, comodel: "account.move", label: "Reversal of");
        Add("amount_untaxed", FieldType.Monetary, compute: r => Lines(r).Sum(AccountMoveLineModel.Subtotal), label: "Untaxed Amount");
        Add("amount_tax", FieldType.Monetary, compute: r => Lines(r).Sum(LineModel.Tax), label: "Tax");
        Add("amount_total", FieldType.Monetary, compute: r => Total(r), label: "Total");
        Add("amount_residual", FieldType.Monetary, compute: r => Residual(r), label: "Amount Due");
        Add(
            "payment_state",
            FieldType.Selection,
            selection: env.Version >= 18
                ? ["not_paid", "in_payment", "paid", "partial", "reversed", "blocked", "invoicing_legacy"]
                : ["not_paid", "in_payment", "paid", "partial", "reversed", "invoicing_legacy"],
            compute: PaymentState,
            label: "Payment Status");

        Button("action_post", Post);
        Button("button_draft", ResetToDraft);
        Button("button_cancel", CancelMoves);
        Button("action_register_payment", RegisterPaymentAction);
    }

    protected override string DefaultOrder => "date desc, name desc, id desc";

    private AccountMoveLineModel LineModel => Env.Model<AccountMoveLineModel>("account.move.line");

    public IEnumerable<OdooRecord> Lines(OdooRecord move) =>
        Env.Store.All("account.move.line").Where(l => l.Ref("move_id") == move.Id);

    public decimal Total(OdooRecord move) => Lines(move).Sum(l => AccountMoveLineModel.Subtotal(l) + LineModel.Tax(l));

    public decimal Paid(OdooRecord move) =>
        Env.Store.All("account.payment")
            .Where(p => p.Str("state") is not ("draft" or "cancel" or "canceled" or "rejected") && p.Ids("reconciled_invoice_ids").Contains(move.Id))
            .Sum(p => p.Raw(AccountPaymentModel.AppliedKey) as decimal? ?? p.Num("amount"));

    public decimal Residual(OdooRecord move) => move.Str("state") == "posted" ? Math.Max(0m, Total(move) - Paid(move)) : Total(move);

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        var type = vals["move_type"] is JsonNode t ? ValueCodec.Text(t) : ctx.Str("default_move_type") ?? "entry";
        if (type is "out_invoice" or "out_refund" && vals["journal_id"] is null)
        {
            vals["journal_id"] = Env.Model<AccountJournalModel>("account.journal").ByType("sale").Id;
        }
    }

    protected override void BeforeWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx)
    {
        if (records.Any(m => m.Str("state") == "posted") && (vals.ContainsKey("invoice_line_ids") || vals.ContainsKey("line_ids") || vals.ContainsKey("partner_id")))
        {
            throw OdooException.UserError("You cannot modify a posted entry of this journal.");
        }
    }

    protected override void BeforeUnlink(IReadOnlyList<OdooRecord> records, CallContext ctx)
    {
        if (records.Any(m => m.Str("state") == "posted"))
        {
            throw OdooException.UserError("You cannot delete an entry which has been posted once.");
        }
    }

    private object? Post(MethodCall call)
    {
        foreach (var move in call.Records())
        {
            if (move.Str("state") == "posted")
            {
                throw OdooException.UserError("The entry " + (move.Str("name") ?? "/") + " (id " + move.Id.ToString(CultureInfo.InvariantCulture) + ") must be in draft.");
            }

            if (!Lines(move).Any(l => l.Str("display_type") is "product" or null))
            {
                throw OdooException.UserError("You need to add a line before posting.");
            }

            if (move.Str("move_type") is "out_invoice" or "out_refund" && move.Ref("partner_id") is null)
            {
                throw OdooException.UserError("The field 'Customer' is required, please complete it to validate the Customer Invoice.");
            }

            if (move.Str("invoice_date") is null)
            {
                Env.Store.Set(move, "invoice_date", Env.Today);
            }

            if (move.Str("name") is null or "/")
            {
                var journal = move.Ref("journal_id") is int j ? Env.Get("account.journal", j).Str("code") ?? "MISC" : "MISC";
                var prefix = $"{(move.Str("move_type") == "out_refund" ? "R" : "")}{journal}/{Env.Year.ToString(CultureInfo.InvariantCulture)}/";
                Env.Store.Set(move, "name", Env.Sequence("move:" + prefix, prefix, 5));
            }

            Env.Store.Set(move, "state", "posted");
        }

        return false;
    }

    private object? ResetToDraft(MethodCall call)
    {
        foreach (var move in call.Records())
        {
            if (Paid(move) > 0m)
            {
                throw OdooException.UserError("You cannot reset to draft a paid or partially paid entry; remove its payments first.");
            }

            Env.Store.Set(move, "state", "draft");
        }

        return NoResult.Instance;
    }

    private object? CancelMoves(MethodCall call)
    {
        foreach (var move in call.Records())
        {
            if (move.Str("state") != "draft")
            {
                throw OdooException.UserError("Only draft journal entries can be cancelled.");
            }

            Env.Store.Set(move, "state", "cancel");
        }

        return NoResult.Instance;
    }

    private object? RegisterPaymentAction(MethodCall call) => new JsonObject
    {
        ["name"] = "Register Payment",
        ["res_model"] = "account.payment.register",
        ["view_mode"] = "form",
        ["views"] = new JsonArray(new JsonArray(false, "form")),
        ["context"] = new JsonObject { ["active_model"] = "account.move", ["active_ids"] = new JsonArray(call.Ids.Select(i => (JsonNode)i).ToArray()) },
        ["target"] = "new",
        ["type"] = "ir.actions.act_window",
    };

    private string? PaymentState(OdooRecord move)
    {
        if (move.Str("state") != "posted" || move.Str("move_type") is not ("out_invoice" or "out_refund" or "in_invoice" or "in_refund"))
        {
            return "not_paid";
        }

        var total = Total(move);
        var paid = Paid(move);
        if (total > 0m && paid >= total)
        {
            return "paid";
        }

        return paid > 0m ? "partial" : "not_paid";
    }
}
