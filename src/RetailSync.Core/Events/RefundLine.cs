namespace RetailSync.Events;

/// <summary>One refunded order line.</summary>
/// <param name="LineId">The order line's channel id.</param>
/// <param name="Sku">The stock keeping unit, when known.</param>
/// <param name="Quantity">Units refunded.</param>
/// <param name="Amount">Amount refunded for these units (tax included when the order is tax-inclusive).</param>
/// <param name="Restock">True when the channel put the units back in stock.</param>
public sealed record RefundLine(string? LineId, string? Sku, int Quantity, decimal Amount, bool Restock);
