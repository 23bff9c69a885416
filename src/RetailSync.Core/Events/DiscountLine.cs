namespace RetailSync.Events;

/// <summary>A discount applied to an order as a whole (per-line allocations sit on the lines).</summary>
/// <param name="Code">The discount code, when one was entered.</param>
/// <param name="Kind">How the channel expressed it: <c>fixed_amount</c>, <c>percentage</c>, <c>shipping</c>, ...</param>
/// <param name="Amount">The amount it took off the order, in the order's currency.</param>
public sealed record DiscountLine(string? Code, string Kind, decimal Amount);
