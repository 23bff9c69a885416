namespace RetailSync.Demo.TradingDay;

/// <summary>A line of a trading-day order: SKU, name, quantity and unit price before tax.</summary>
public sealed record DayLine(string Sku, string Name, int Quantity, decimal UnitPrice);
