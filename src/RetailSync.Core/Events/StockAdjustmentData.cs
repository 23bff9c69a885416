namespace RetailSync.Events;

/// <summary>Data of <c>retail.stock.adjusted</c>.</summary>
/// <param name="AdjustmentKey">Subject form of the adjustment's <see cref="BusinessKey"/>.</param>
/// <param name="Channel">Who adjusted stock (<c>warehouse</c>, <c>pos</c>, <c>loop</c>).</param>
/// <param name="AdjustmentId">The channel's adjustment id.</param>
/// <param name="Location">The stock location.</param>
/// <param name="Reason">Why (<c>cycle_count</c>, <c>damage</c>, <c>restock</c>, ...).</param>
/// <param name="Lines">Per-SKU changes.</param>
/// <param name="ReturnKey">Subject form of the return the change comes from, when it does.</param>
/// <param name="OccurredAt">When stock changed.</param>
public sealed record StockAdjustmentData(
    string AdjustmentKey,
    string Channel,
    string AdjustmentId,
    string? Location,
    string Reason,
    IReadOnlyList<StockAdjustmentLine> Lines,
    string? ReturnKey,
    DateTimeOffset OccurredAt);
