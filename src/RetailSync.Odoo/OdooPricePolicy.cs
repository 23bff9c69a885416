namespace RetailSync.Odoo;

/// <summary>Which price a sale order line carries.</summary>
public enum OdooPricePolicy
{
    /// <summary>The price the customer paid on the channel is written on the line (<c>price_unit</c>).</summary>
    ChannelPrice = 0,

    /// <summary>Odoo prices the line from its own pricelist; the channel price is ignored (discounts still apply).</summary>
    OdooPrice = 1,
}
