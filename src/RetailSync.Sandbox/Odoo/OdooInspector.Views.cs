using RetailSync.Sandbox.Odoo.Inspection;
using RetailSync.Sandbox.Odoo.Models;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo;

/// <summary>Typed views over the sandbox's sale orders, transfers, invoices, payments and quants.</summary>
public sealed partial class OdooInspector
{
    public OdooSaleOrderView SaleOrder(int id) => _dispatcher.Read(env => SaleOrderView(env, env.Get("sale.order", id)));

    public IReadOnlyList<OdooSaleOrderView> SaleOrders() =>
        _dispatcher.Read(env => env.Store.All("sale.order").Select(o => SaleOrderView(env, o)).ToList());

    public OdooPickingView Picking(int id) => _dispatcher.Read(env => PickingView(env, env.Get("stock.picking", id)));

    public IReadOnlyList<OdooPickingView> Pickings() =>
        _dispatcher.Read(env => env.Store.All("stock.picking").Select(p => PickingView(env, p)).ToList());

    /// <summary>Customer invoices and credit notes.</summary>
    public IReadOnlyList<OdooInvoiceView> Invoices() =>
        _dispatcher.Read(env => env.Store.All("account.move").Where(m => m.Str("move_type") is "out_invoice" or "out_refund").Select(m => InvoiceView(env, m)).ToList());

    public OdooInvoiceView Invoice(int id) => _dispatcher.Read(env => InvoiceView(env, env.Get("account.move", id)));

    public IReadOnlyList<OdooPaymentView> Payments() =>
        _dispatcher.Read(env =>
        {
            var memo = env.Model<AccountPaymentModel>("account.payment").MemoField;
            return env.Store.All("account.payment").Select(p => new OdooPaymentView(
                p.Id,
                p.Str("name"),
                p.Str("payment_type") ?? "inbound",
                p.Str("state") ?? "draft",
                p.Num("amount"),
                p.Ref("journal_id") is int j ? env.Get("account.journal", j).Str("code") : null,
                p.Str(memo),
                p.Ref("partner_id"),
                p.Ids("reconciled_invoice_ids").ToArray())).ToList();
        });

    /// <summary>All quants (product x location) with non-zero or reserved stock.</summary>
    public IReadOnlyList<OdooQuantView> Quants() =>
        _dispatcher.Read(env => env.Store.All("stock.quant")
            .Where(q => q.Num("quantity") != 0m || q.Num("reserved_quantity") != 0m)
            .Select(q => new OdooQuantView(
                q.Ref("product_id")!.Value,
                Sku(env, q.Ref("product_id")),
                q.Ref("location_id")!.Value,
                LocationName(env, q.Ref("location_id")),
                q.Num("quantity"),
                q.Num("reserved_quantity")))
            .ToList());

    /// <summary>On-hand quantity of a product in one location (WH/Stock is 8).</summary>
    public decimal QuantOnHand(int productId, int locationId) =>
        _dispatcher.Read(env => env.Store.All("stock.quant").Where(q => q.Ref("product_id") == productId && q.Ref("location_id") == locationId).Sum(q => q.Num("quantity")));

    /// <summary>On-hand quantity of a SKU in a location given by complete name (e.g. "WH/Stock", "WH/Quarantine").</summary>
    public decimal OnHand(string sku, string location = "WH/Stock") =>
        Quants().Where(q => q.Sku == sku && q.Location == location).Sum(q => q.Quantity);

    private static OdooSaleOrderView SaleOrderView(OdooEnv env, OdooRecord order)
    {
        var orders = env.Model<SaleOrderModel>("sale.order");
        var lines = env.Model<SaleOrderLineModel>("sale.order.line");
        return new OdooSaleOrderView(
            order.Id,
            order.Str("name") ?? "",
            order.Str("state") ?? "draft",
            order.Ref("partner_id") ?? 0,
            order.Str("client_order_ref"),
            (decimal)orders.GetValue(order, "amount_untaxed")!,
            (decimal)orders.GetValue(order, "amount_tax")!,
            (decimal)orders.GetValue(order, "amount_total")!,
            orders.GetValue(order, "invoice_status") as string ?? "no",
            orders.GetValue(order, "delivery_status") as string,
            orders.Lines(order).Select(l => new OdooSaleOrderLineView(
                l.Id,
                l.Ref("product_id"),
                Sku(env, l.Ref("product_id")),
                l.Str("name") ?? "",
                l.Num("product_uom_qty"),
                l.Num("price_unit"),
                l.Num("discount"),
                SaleOrderLineModel.Subtotal(l),
                lines.QtyDelivered(l),
                lines.QtyInvoiced(l),
                lines.GetValue(l, "invoice_status") as string ?? "no")).ToList(),
            orders.Pickings(order).Select(p => p.Id).ToList(),
            orders.Invoices(order));
    }

    private static OdooPickingView PickingView(OdooEnv env, OdooRecord picking) => new(
        picking.Id,
        picking.Str("name") ?? "",
        picking.Str("state") ?? "draft",
        env.Get("stock.picking.type", picking.Ref("picking_type_id")!.Value).Str("code") ?? "",
        picking.Str("origin"),
        picking.Ref("sale_id"),
        picking.Ref("backorder_id"),
        picking.Ref("return_id"),
        picking.Str("carrier_tracking_ref"),
        LocationName(env, picking.Ref("location_id")),
        LocationName(env, picking.Ref("location_dest_id")),
        Stock.Moves(env, picking.Id).Select(m => MoveView(env, m)).ToList());

    private static OdooMoveView MoveView(OdooEnv env, OdooRecord move) => new(
        move.Id,
        move.Ref("product_id")!.Value,
        Sku(env, move.Ref("product_id")),
        move.Num("product_uom_qty"),
        move.Num("quantity"),
        move.Flag("picked"),
        move.Str("state") ?? "draft",
        LocationName(env, move.Ref("location_id")),
        LocationName(env, move.Ref("location_dest_id")),
        move.Flag("scrapped"));

    private static OdooInvoiceView InvoiceView(OdooEnv env, OdooRecord move)
    {
        var moves = env.Model<AccountMoveModel>("account.move");
        return new OdooInvoiceView(
            move.Id,
            move.Str("name"),
            move.Str("move_type") ?? "entry",
            move.Str("state") ?? "draft",
            moves.GetValue(move, "payment_state") as string ?? "not_paid",
            move.Ref("partner_id"),
            move.Str("invoice_origin"),
            move.Ref("reversed_entry_id"),
            (decimal)moves.GetValue(move, "amount_untaxed")!,
            (decimal)moves.GetValue(move, "amount_tax")!,
            moves.Total(move),
            moves.Residual(move),
            moves.Lines(move).Select(l => new OdooInvoiceLineView(
                l.Id,
                l.Ref("product_id"),
                Sku(env, l.Ref("product_id")),
                l.Num("quantity"),
                l.Num("price_unit"),
                l.Num("discount"),
                AccountMoveLineModel.Subtotal(l),
                l.Ids("sale_line_ids").ToArray())).ToList());
    }

    private static string? Sku(OdooEnv env, int? productId) =>
        productId is int p && env.Store.Find("product.product", p) is { } product
            ? env.Model("product.product").GetValue(product, "default_code") as string
            : null;

    private static string LocationName(OdooEnv env, int? locationId) =>
        locationId is int l && env.Store.Find("stock.location", l) is { } location ? env.Model("stock.location").DisplayName(location) : "";
}
