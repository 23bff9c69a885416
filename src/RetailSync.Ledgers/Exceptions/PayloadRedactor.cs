using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RetailSync.Ledgers.Exceptions;

/// <summary>
/// Makes a payload safe to store and show to operators: values of secret-looking JSON properties
/// (secret, password, token, api key, authorization, signature, card number, CVC...) are replaced, card
/// numbers (13-19 digits passing the Luhn check) and API-key-shaped strings are masked anywhere in the text,
/// and the result is shortened.
/// </summary>
public static partial class PayloadRedactor
{
    /// <summary>Replacement text for a removed value.</summary>
    public const string Redacted = "[redacted]";

    private static readonly string[] SecretNameParts =
    [
        "secret", "password", "passwd", "token", "apikey", "authorization", "signature", "cvc", "cvv",
        "cardnumber", "accountnumber", "iban", "privatekey", "hmac",
    ];

    /// <summary>Redacts and shortens <paramref name="payload"/> to at most <paramref name="maxLength"/> characters (plus a marker).</summary>
    public static string? Redact(string? payload, int maxLength)
    {
        if (payload is null)
        {
            return null;
        }

        var text = payload;
        try
        {
            var node = JsonNode.Parse(payload);
            if (node is not null)
            {
                RedactNode(node);
                text = node.ToJsonString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text patterns below still apply.
        }

        text = SecretKeyPattern().Replace(text, Redacted);
        text = CardNumberCandidate().Replace(text, m => PassesLuhn(m.Value) ? Redacted : m.Value);
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, Math.Max(0, maxLength)), "...(truncated)");
    }

    private static void RedactNode(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretName(name) && obj[name] is not null and not JsonObject and not JsonArray)
                    {
                        obj[name] = Redacted;
                    }
                    else if (obj[name] is { } child)
                    {
                        RedactNode(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        RedactNode(item);
                    }
                }

                break;
        }
    }

    private static bool IsSecretName(string name)
    {
        var compact = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact.Append(char.ToLowerInvariant(c));
            }
        }

        var key = compact.ToString();
        return SecretNameParts.Any(part => key.Contains(part, StringComparison.Ordinal));
    }

    private static bool PassesLuhn(string candidate)
    {
        var sum = 0;
        var count = 0;
        var doubleIt = false;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var digit = c - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
            count++;
        }

        return count is >= 13 and <= 19 && sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardNumberCandidate();

    [GeneratedRegex(@"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9+/=]+|\bshpss_[A-Za-z0-9]+|\bshpat_[A-Za-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKeyPattern();
}
