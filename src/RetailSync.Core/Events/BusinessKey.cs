using System.Diagnostics.CodeAnalysis;

namespace RetailSync.Events;

/// <summary>
/// Identifies one business object across RetailSync: its kind (<c>order</c>, <c>return</c>, <c>payment</c>,
/// <c>shipment</c>, <c>refund</c>, <c>payout</c>, <c>stock</c>), the channel that owns it and the channel's own key
/// (which may contain '/', e.g. <c>acme.myshopify.com/450789469</c>).
/// </summary>
/// <remarks>
/// Two spellings: the CloudEvent subject <c>order/shopify/acme.myshopify.com/450789469</c> and the
/// workflow instance id <c>order:shopify:acme.myshopify.com/450789469</c>.
/// </remarks>
public sealed record BusinessKey
{
    public BusinessKey(string kind, string channel, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (kind.Contains('/', StringComparison.Ordinal) || kind.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A kind may contain neither '/' nor ':'.", nameof(kind));
        }

        if (channel.Contains('/', StringComparison.Ordinal) || channel.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A channel may contain neither '/' nor ':'.", nameof(channel));
        }

        Kind = kind;
        Channel = channel;
        Key = key;
    }

    public string Kind { get; }

    public string Channel { get; }

    public string Key { get; }

    /// <summary>The CloudEvent subject form: <c>kind/channel/key</c>.</summary>
    public string ToSubject() => $"{Kind}/{Channel}/{Key}";

    /// <summary>The workflow instance id form: <c>kind:channel:key</c>.</summary>
    public string ToInstanceId() => $"{Kind}:{Channel}:{Key}";

    public override string ToString() => ToSubject();

    /// <summary>Parses the subject form.</summary>
    public static bool TryParseSubject(string? subject, [NotNullWhen(true)] out BusinessKey? key) => TryParse(subject, '/', out key);

    /// <summary>Parses the instance id form.</summary>
    public static bool TryParseInstanceId(string? instanceId, [NotNullWhen(true)] out BusinessKey? key) => TryParse(instanceId, ':', out key);

    private static bool TryParse(string? text, char separator, [NotNullWhen(true)] out BusinessKey? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var first = text.IndexOf(separator, StringComparison.Ordinal);
        if (first <= 0)
        {
            return false;
        }

        var second = text.IndexOf(separator, first + 1);
        if (second <= first + 1 || second == text.Length - 1)
        {
            return false;
        }

        var kind = text[..first];
        var channel = text[(first + 1)..second];
        if (kind.Contains(':', StringComparison.Ordinal) || channel.Contains(':', StringComparison.Ordinal)
            || kind.Contains('/', StringComparison.Ordinal) || channel.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        key = new BusinessKey(kind, channel, text[(second + 1)..]);
        return true;
    }
}
