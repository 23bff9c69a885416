namespace RetailSync.Ledgers.CrossReferences;

/// <summary>Well-known <see cref="ExternalReference.System"/> names.</summary>
public static class ReferenceSystems
{
    /// <summary>Gateway payment reference, <c>stripe/pi_123</c> (the CloudEvent <c>paymentref</c> extension).</summary>
    public const string PaymentReference = "paymentref";

    /// <summary>A payment's subject, <c>payment/stripe/pi_123</c>.</summary>
    public const string Payment = "payment";

    /// <summary>A shipment's subject, <c>shipment/warehouse/SHP-9</c>.</summary>
    public const string Shipment = "shipment";

    /// <summary>A refund's subject.</summary>
    public const string Refund = "refund";

    /// <summary>A return's subject, <c>return/loop/R-77</c> (linked to the order it returns).</summary>
    public const string Return = "return";

    /// <summary>Odoo <c>sale.order</c> id.</summary>
    public const string OdooSaleOrder = "odoo.sale.order";

    /// <summary>Odoo <c>sale.order</c> name (<c>S00042</c>).</summary>
    public const string OdooSaleOrderName = "odoo.sale.order.name";

    /// <summary>Odoo <c>account.move</c> id (invoice or credit note).</summary>
    public const string OdooAccountMove = "odoo.account.move";

    /// <summary>Odoo <c>stock.picking</c> id (delivery or return transfer).</summary>
    public const string OdooStockPicking = "odoo.stock.picking";

    /// <summary>Odoo <c>res.partner</c> id.</summary>
    public const string OdooPartner = "odoo.res.partner";
}
