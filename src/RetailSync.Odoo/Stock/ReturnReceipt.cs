namespace RetailSync.Odoo;

/// <summary>The received return: its state, the location it went to and any scrap orders made.</summary>
public sealed record ReturnReceipt(long PickingId, string State, long LocationId, IReadOnlyList<long> ScrapIds, bool AlreadyDone);
