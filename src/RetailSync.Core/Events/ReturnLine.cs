namespace RetailSync.Events;

/// <summary>One line of a return request.</summary>
/// <param name="LineId">The order line's channel id, when known.</param>
/// <param name="Sku">The stock keeping unit, when known.</param>
/// <param name="Quantity">Units the customer returns.</param>
/// <param name="Reason">The customer's reason, as the channel words it.</param>
/// <param name="RefundAmount">Expected refund for these units, when the channel says.</param>
public sealed record ReturnLine(string? LineId, string? Sku, int Quantity, string? Reason, decimal? RefundAmount = null);
