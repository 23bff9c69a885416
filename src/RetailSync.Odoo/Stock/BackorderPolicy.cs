namespace RetailSync.Odoo;

/// <summary>What happens to the quantity not shipped when a delivery is validated partially.</summary>
public enum BackorderPolicy
{
    /// <summary>The rest stays to ship in a backorder picking.</summary>
    CreateBackorder = 0,

    /// <summary>The rest is dropped (Odoo then shows the order as fully delivered).</summary>
    NoBackorder = 1,
}
