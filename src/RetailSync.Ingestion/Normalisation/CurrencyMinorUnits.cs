namespace RetailSync.Ingestion.Normalisation;

/// <summary>Converts gateway amounts in minor units (Stripe's integer cents) to exact decimals, by ISO 4217 exponent.</summary>
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
}
