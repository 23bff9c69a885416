namespace RetailSync.Events;

/// <summary>A replacement the customer takes instead of money back (an exchange), priced as the channel prices it.</summary>
/// <param name="Sku">The stock keeping unit of the replacement.</param>
/// <param name="Quantity">Units sent out.</param>
/// <param name="Title">What the customer saw.</param>
/// <param name="UnitPrice">Price of one unit, in the return's currency, as the channel values the exchange.</param>
public sealed record ExchangeLine(string Sku, int Quantity, string? Title, decimal UnitPrice);
