using System.Globalization;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// account.payment: inbound customer payments and outbound refunds. The memo field is <c>ref</c> in 17 and
/// <c>memo</c> in 18+; states are <c>draft|posted|cancel</c> (17) or <c>draft|in_process|paid|canceled|rejected</c> (18+).
/// </summary>
internal sealed class AccountPaymentModel : OdooModel
{
    /// <summary>Sandbox-private: the part of the amount reconciled with the invoices.</summary>
    public const string AppliedKey = "__applied";

    public AccountPaymentModel(OdooEnv env)
        : base(env, "account.payment", "Payments")
    {
        MemoField = env.Version >= 18 ? "memo" : "ref";
        Add("name", FieldType.Char, label: "Number");
        Add("payment_type", FieldType.Selection, selection: ["outbound", "inbound"], @default: _ => "inbound", required: true);
        Add("partner_type", FieldType.Selection, selection: ["customer", "supplier"], @default: _ => "customer");
        Add("partner_id", FieldType.Many2One, comodel: "res.partner", label: "Customer/Vendor");
        Add("amount", FieldType.Monetary);
        Add("date", FieldType.Date, @default: c => c.Env.Today);
        Add("journal_id", FieldType.Many2One, comodel: "account.journal", label: "Journal");
        Add(MemoField, FieldType.Char, label: "Memo");
        Add(
            "state",
            FieldType.Selection,
            selection: env.Version >= 18 ? ["draft", "in_process", "paid", "canceled", "rejected"] : ["draft", "posted", "cancel"],
            @default: _ => "draft",
            label: "Status");
        Add("reconciled_invoice_ids", FieldType.Many2Many, comodel: "account.move", label: "Reconciled Invoices");
        Add("is_reconciled", FieldType.Boolean, compute: r => r.Ids("reconciled_invoice_ids").Count > 0, label: "Is Reconciled");
        Button("action_post", Post);
        Button("action_cancel", Cancel);
    }

    public string MemoField { get; }

    public string PostedState => Env.Version >= 18 ? "paid" : "posted";

    public string NextName(int journalId)
    {
        var code = Env.Get("account.journal", journalId).Str("code");
        var prefix = $"P{code}/{Env.Year.ToString(CultureInfo.InvariantCulture)}/";
        return Env.Sequence("payment:" + prefix, prefix, 5);
    }

    private object? Post(MethodCall call)
    {
        foreach (var payment in call.Records().Where(p => p.Str("state") == "draft"))
        {
            if (payment.Ref("journal_id") is not int journal)
            {
                throw OdooException.UserError("The journal is required to post a payment.");
            }

            if (payment.Str("name") is null or "/")
            {
                Env.Store.Set(payment, "name", NextName(journal));
            }

            Env.Store.Set(payment, "state", payment.Ids("reconciled_invoice_ids").Count > 0 || Env.Version == 17 ? PostedState : "in_process");
        }

        return NoResult.Instance;
    }

    private object? Cancel(MethodCall call)
    {
        foreach (var payment in call.Records())
        {
            Env.Store.Set(payment, "state", Env.Version >= 18 ? "canceled" : "cancel");
        }

        return NoResult.Instance;
    }
}
