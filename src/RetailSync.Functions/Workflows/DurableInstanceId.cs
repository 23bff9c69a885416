using System.Globalization;
using System.Text;

namespace RetailSync.Functions.Workflows;

/// <summary>
/// Maps RetailSync instance ids (<c>order:shopify:acme.myshopify.com/450789469</c>) to ids the Durable Functions
/// Azure Storage provider accepts and back. That provider keys its tables by instance id, and table keys may not
/// contain <c>/ \ # ?</c> or control characters; those (and <c>%</c>, the escape character) are percent-encoded.
/// The encoding works character by character, so an encoded prefix is the prefix of the encoded ids.
/// </summary>
public static class DurableInstanceId
{
    public static string Encode(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!instanceId.Any(NeedsEscape))
        {
            return instanceId;
        }

        var builder = new StringBuilder(instanceId.Length + 8);
        foreach (var c in instanceId)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string durableInstanceId)
    {
        ArgumentNullException.ThrowIfNull(durableInstanceId);
        if (!durableInstanceId.Contains('%', StringComparison.Ordinal))
        {
            return durableInstanceId;
        }

        var builder = new StringBuilder(durableInstanceId.Length);
        for (var i = 0; i < durableInstanceId.Length; i++)
        {
            var c = durableInstanceId[i];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            if (i + 2 >= durableInstanceId.Length || !IsHex(durableInstanceId[i + 1]) || !IsHex(durableInstanceId[i + 2]))
            {
                throw new FormatException($"'{durableInstanceId}' is not an encoded instance id: '%' at {i} is not followed by two hex digits.");
            }

            builder.Append((char)int.Parse(durableInstanceId.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            i += 2;
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
