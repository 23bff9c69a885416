using OdooDisposition = RetailSync.Odoo.ReturnDisposition;
using ReturnDisposition = RetailSync.Events.ReturnDisposition;

namespace RetailSync.ReturnToRefund.Planning;

/// <summary>Where each channel disposition goes in Odoo: only restocked units become sellable again.</summary>
public static class Dispositions
{
    public static OdooDisposition ToOdoo(ReturnDisposition disposition) => disposition switch
    {
        ReturnDisposition.Restock => OdooDisposition.Restock,
        ReturnDisposition.Refurbish => OdooDisposition.Quarantine,
        ReturnDisposition.Quarantine => OdooDisposition.Quarantine,
        ReturnDisposition.VendorReturn => OdooDisposition.VendorReturn,
        ReturnDisposition.Scrap => OdooDisposition.Scrap,
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "Unknown disposition."),
    };
}
