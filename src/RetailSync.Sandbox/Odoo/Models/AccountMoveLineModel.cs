using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>account.move.line: invoice lines (quantity, price, discount, taxes, link to sale lines).</summary>
internal sealed class AccountMoveLineModel : OdooModel
{
    public AccountMoveLineModel(OdooEnv env)
        : base(env, "account.move.line", "Journal Item")
    {
        Add("move_id", FieldType.Many2One, comodel: "account.move", required: true, label: "Journal Entry");
        Add("sequence", FieldType.Integer, @default: _ => 10L);
        Add("display_type", FieldType.Selection, selection: ["product", "cogs", "tax", "discount", "rounding", "payment_term", "line_section", "line_note", "epd"], @default: _ => "product");
        Add("product_id", FieldType.Many2One, comodel: "product.product", label: "Product");
        Add("name", FieldType.Char, label: "Label");
        Add("quantity", FieldType.Float, @default: _ => 1m);
        Add("price_unit", FieldType.Float, label: "Unit Price");
        Add("discount", FieldType.Float, label: "Discount (%)");
        Add("tax_ids", FieldType.Many2Many, comodel: "account.tax", label: "Taxes");
        Add("price_subtotal", FieldType.Monetary, compute: r => Subtotal(r), label: "Subtotal");
        Add("price_total", FieldType.Monetary, compute: r => Subtotal(r) + Tax(r), label: "Total");
        Add("sale_line_ids", FieldType.Many2Many, comodel: "sale.order.line", label: "Sales Order Lines");
        Add("parent_state", FieldType.Selection, selection: ["draft", "posted", "cancel"], compute: r => Env.Store.Find("account.move", r.Ref("move_id") ?? 0)?.Str("state"));
    }

    public static decimal Subtotal(OdooRecord line) =>
        line.Str("display_type") is "product" or null
            ? Math.Round(line.Num("quantity") * line.Num("price_unit") * (1m - (line.Num("discount") / 100m)), 2, MidpointRounding.AwayFromZero)
            : 0m;

    public decimal Tax(OdooRecord line) => Env.Model<AccountTaxModel>("account.tax").TaxOn(line.Ids("tax_ids"), Subtotal(line));

    protected override void BeforeCreate(JsonObject vals, CallContext ctx)
    {
        if (vals["product_id"] is JsonNode node && !ValueCodec.IsFalse(node))
        {
            var products = Env.Model("product.product");
            var product = Env.Get(products.Name, (int)ValueCodec.Number(node));
            vals["name"] ??= products.DisplayName(product);
            vals["price_unit"] ??= ValueCodec.ToDouble(products.GetValue(product, "list_price") as decimal? ?? 0m);
            vals["tax_ids"] ??= new JsonArray(new JsonArray(6, 0, new JsonArray(((IReadOnlyList<int>?)products.GetValue(product, "taxes_id") ?? []).Select(t => (JsonNode)t).ToArray())));
        }
    }

    protected override void BeforeWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx) => CheckDraft(records);

    protected override void BeforeUnlink(IReadOnlyList<OdooRecord> records, CallContext ctx) => CheckDraft(records);

    private void CheckDraft(IReadOnlyList<OdooRecord> records)
    {
        if (records.Any(l => Env.Store.Find("account.move", l.Ref("move_id") ?? 0)?.Str("state") == "posted"))
        {
            throw OdooException.UserError("You cannot modify a posted entry of this journal.");
        }
    }
}
