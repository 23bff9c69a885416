namespace RetailSync.Odoo;

/// <summary>
/// A received receipt: one group per disposition, the backorder still open for what has not come back (null when
/// nothing is left), and whether an earlier call had already done all of it.
/// </summary>
public sealed record ReturnLinesReceipt(IReadOnlyList<ReturnReceiptGroup> Groups, long? RemainingPickingId, bool AlreadyDone);
