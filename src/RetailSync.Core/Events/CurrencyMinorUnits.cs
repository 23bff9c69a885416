namespace RetailSync.Events;

/// <summary>Converts gateway amounts between minor units (Stripe's integer cents) and exact decimals, by ISO 4217 exponent.</summary>
public static class CurrencyMinorUnits
{
    // Stripe's zero-decimal currencies (ISO 4217 exponent 0) and the three-decimal ones.
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
    };

    /// <summary>The number of decimals of the currency's minor unit.</summary>
    public static int Exponent(string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        return ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;
    }

    /// <summary><c>1999 USD</c> becomes <c>19.99</c>; <c>500 JPY</c> stays <c>500</c>.</summary>
    public static decimal ToMajor(long minorUnits, string currency) => Exponent(currency) switch
    {
        0 => minorUnits,
        3 => minorUnits / 1000m,
        _ => minorUnits / 100m,
    };

    /// <summary>
    /// <c>19.99 USD</c> becomes <c>1999</c>; <c>500 JPY</c> stays <c>500</c>. Throws when the amount has more decimals
    /// than the currency's minor unit: a refund of 0.005 USD is a bug upstream, never something to round silently.
    /// </summary>
    public static long ToMinor(decimal amount, string currency)
    {
        var scaled = amount * Exponent(currency) switch { 0 => 1m, 3 => 1000m, _ => 100m };
        return scaled == decimal.Truncate(scaled)
            ? decimal.ToInt64(scaled)
            : throw new ArgumentException($"{amount} has more decimals than {currency.ToUpperInvariant()}'s minor unit.", nameof(amount));
    }
}
