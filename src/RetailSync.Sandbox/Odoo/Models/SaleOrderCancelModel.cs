using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>sale.order.cancel (wizard): <c>action_cancel</c> cancels its order, open pickings and draft invoices.</summary>
internal sealed class SaleOrderCancelModel : OdooModel
{
    public SaleOrderCancelModel(OdooEnv env)
        : base(env, "sale.order.cancel", "Sales Order Cancel")
    {
        Add("order_id", FieldType.Many2One, comodel: "sale.order", required: true, label: "Sale Order");
        Add("display_invoice_alert", FieldType.Boolean, compute: r => Env.Model<SaleOrderModel>("sale.order").Invoices(Env.Get("sale.order", r.Ref("order_id")!.Value)).Any(i => Env.Get("account.move", i).Str("state") == "draft"), label: "Invoice Alert");
        Button("action_cancel", Cancel);
    }

    private object? Cancel(MethodCall call)
    {
        var orders = Env.Model<SaleOrderModel>("sale.order");
        orders.CancelOrders(call.Records().Select(w => Env.Get("sale.order", w.Ref("order_id")!.Value)).ToList());
        return true;
    }
}
