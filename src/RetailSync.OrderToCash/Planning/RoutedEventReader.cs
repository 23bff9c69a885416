using System.Text.Json;
using RetailSync.Events;
using RetailSync.Routing;

namespace RetailSync.OrderToCash.Planning;

/// <summary>Reads a <see cref="RoutedEvent"/>'s data as its canonical record; a payload that does not read is an error, not a crash.</summary>
public static class RoutedEventReader
{
    public static T? TryRead<T>(RoutedEvent e, out string? error) where T : class
    {
        ArgumentNullException.ThrowIfNull(e);
        error = null;
        if (e.Data.ValueKind != JsonValueKind.Object)
        {
            error = $"Event {e.EventId} ({e.Type}) carries no data.";
            return null;
        }

        try
        {
            var value = e.Data.Deserialize<T>(RetailEventJson.Options);
            if (value is null)
            {
                error = $"Event {e.EventId} ({e.Type}) has empty data.";
            }

            return value;
        }
        catch (JsonException ex)
        {
            error = $"Event {e.EventId} ({e.Type}) data is not a valid {typeof(T).Name}: {ex.Message}";
            return null;
        }
    }

    /// <summary>The first characters of the event's data, for exception records.</summary>
    public static string Excerpt(RoutedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = e.Data.ValueKind == JsonValueKind.Undefined ? string.Empty : e.Data.GetRawText();
        return text.Length <= 2000 ? text : text[..2000];
    }
}
