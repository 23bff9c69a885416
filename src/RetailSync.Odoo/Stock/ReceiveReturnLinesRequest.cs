namespace RetailSync.Odoo;

/// <summary>
/// One warehouse receipt of a return whose lines have different dispositions. <see cref="ReceiptReference"/> (the
/// warehouse's receipt id) is the idempotency key: each validated transfer carries <c>{ReceiptReference}/{disposition}</c>
/// as its <c>carrier_tracking_ref</c>, each scrap <c>{return reference}/{ReceiptReference}</c> as its origin.
/// </summary>
public sealed record ReceiveReturnLinesRequest(long ReturnPickingId, string ReceiptReference, IReadOnlyList<ReceivedReturnLine> Lines);
