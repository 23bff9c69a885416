using System.Globalization;
using System.Text;

namespace RetailSync.Workflows.Embedded.Storage.AzureStorage;

/// <summary>
/// Table Storage keys: instance ids become partition keys with the characters keys may not hold ('/', '\', '#',
/// '?', control characters) and '%' escaped as %XX. The escaping keeps prefixes: escape(p) is a prefix of
/// escape(id) exactly when p is a prefix of id.
/// </summary>
internal static class TableKeys
{
    public const string StateRow = "s";

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder ??= new StringBuilder(value, 0, i, value.Length + 8);
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    public static string History(string executionId, int sequence)
        => string.Create(CultureInfo.InvariantCulture, $"h|{executionId}|{sequence:D8}");

    public static string HistoryPrefix(string executionId) => $"h|{executionId}|";

    public static string Inbox(string id) => "i|" + id;

    public static string Outbox(string id) => "o|" + id;

    public static string Timer(TimerRecord timer)
        => string.Create(CultureInfo.InvariantCulture, $"{timer.FireAt.UtcTicks:D19}|{timer.Id}");

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    public static string PrefixUpperBound(string prefix) => prefix + '\uffff';
}
