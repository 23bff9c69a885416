namespace RetailSync.Odoo;

/// <summary>Where returned goods go.</summary>
public enum ReturnDisposition
{
    /// <summary>Back to sellable stock (the warehouse's stock location).</summary>
    Restock = 0,

    /// <summary>To the quarantine location (<see cref="OdooClientOptions.QuarantineLocation"/>).</summary>
    Quarantine = 1,

    /// <summary>To the vendor-return location (<see cref="OdooClientOptions.VendorReturnLocation"/>).</summary>
    VendorReturn = 2,

    /// <summary>Received into stock, then scrapped (<c>stock.scrap</c>).</summary>
    Scrap = 3,
}
