namespace RetailSync.Events;

/// <summary>Data of <c>retail.return.received</c>: the warehouse received and inspected returned goods.</summary>
/// <param name="ReturnKey">Subject form of the return.</param>
/// <param name="Channel">Who received the goods (<c>warehouse</c>).</param>
/// <param name="ReceiptId">The warehouse's receipt id.</param>
/// <param name="OrderKey">Subject form of the original order, when known.</param>
/// <param name="Location">The warehouse location that received the goods.</param>
/// <param name="Lines">Per-SKU inspection results and dispositions.</param>
/// <param name="ReceivedAt">When the goods were received.</param>
public sealed record ReturnReceiptData(
    string ReturnKey,
    string Channel,
    string ReceiptId,
    string? OrderKey,
    string? Location,
    IReadOnlyList<ReturnReceiptLine> Lines,
    DateTimeOffset ReceivedAt);
