namespace RetailSync.Odoo;

/// <summary>Receipt of a return picking into the location its disposition names.</summary>
public sealed record ReceiveReturnRequest(long ReturnPickingId, ReturnDisposition Disposition);
