using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RetailSync.Ledgers.Storage;

/// <summary>
/// Makes arbitrary strings (subjects contain '/', channel keys anything) safe as PartitionKey/RowKey:
/// '/', '\', '#', '?', '~' and control characters become <c>~XX</c> (reversible, URL-safe); keys that would
/// exceed the 1 KiB limit keep a readable prefix and end with a SHA-256 of the full value.
/// </summary>
internal static class TableKeys
{
    private const int MaxLength = 400;

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '~' || char.IsControl(c))
            {
                builder.Append('~').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (builder.Length <= MaxLength)
        {
            return builder.ToString();
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return string.Concat(builder.ToString(0, MaxLength - hash.Length - 1), "~", hash);
    }

    /// <summary>Two parts joined by '|' (which <see cref="Escape"/> never removes, so prefixes stay distinct).</summary>
    public static string Compose(string prefix, string value) => prefix + "|" + Escape(value);
}
