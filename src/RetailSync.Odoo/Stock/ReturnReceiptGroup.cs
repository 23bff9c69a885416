namespace RetailSync.Odoo;

/// <summary>The part of a receipt with one disposition: the transfer validated for it, where it went, the scraps made.</summary>
public sealed record ReturnReceiptGroup(ReturnDisposition Disposition, long PickingId, string PickingName, long LocationId, IReadOnlyList<long> ScrapIds);
