using System.Globalization;
using System.Text.Json;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>Reads JSON payload fields with exact types, naming the field's path in every error.</summary>
internal static class Payload
{
    public static string Path(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Index(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    public static JsonElement RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadSchemaException(path.Length == 0 ? "$" : path, "must be an object");
        }

        return element;
    }

    public static JsonElement? Optional(JsonElement parent, string name)
    {
        return parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
    }

    public static JsonElement Required(JsonElement parent, string name, string path)
    {
        return Optional(parent, name) ?? throw new PayloadSchemaException(Path(path, name), "is required");
    }

    public static JsonElement RequiredObject(JsonElement parent, string name, string path) =>
        RequireObject(Required(parent, name, path), Path(path, name));

    public static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        return value is null ? null : RequireObject(value.Value, Path(path, name));
    }

    public static string RequiredString(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new PayloadSchemaException(Path(path, name), "must be a non-empty string");
        }

        return value.GetString()!;
    }

    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            throw new PayloadSchemaException(Path(path, name), "must be a string");
        }

        var text = value.Value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>An id that channels send as a number or a string (Shopify ids are 64-bit numbers).</summary>
    public static string RequiredId(JsonElement parent, string name, string path) =>
        OptionalId(parent, name, path) ?? throw new PayloadSchemaException(Path(path, name), "is required");

    public static string? OptionalId(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.String when !string.IsNullOrWhiteSpace(value.Value.GetString()) => value.Value.GetString(),
            JsonValueKind.Number when value.Value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => throw new PayloadSchemaException(Path(path, name), "must be an integer or a non-empty string id"),
        };
    }

    /// <summary>An exact amount, sent as a decimal string (<c>"19.99"</c>, Shopify) or a JSON number.</summary>
    public static decimal RequiredDecimal(JsonElement parent, string name, string path) =>
        OptionalDecimal(parent, name, path) ?? throw new PayloadSchemaException(Path(path, name), "is required");

    public static decimal? OptionalDecimal(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.Value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.Value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new PayloadSchemaException(Path(path, name), "must be a decimal amount");
    }

    public static long RequiredLong(JsonElement parent, string name, string path) =>
        OptionalLong(parent, name, path) ?? throw new PayloadSchemaException(Path(path, name), "is required");

    public static long? OptionalLong(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out var number)
            ? number
            : throw new PayloadSchemaException(Path(path, name), "must be an integer");
    }

    public static int RequiredInt(JsonElement parent, string name, string path) =>
        OptionalInt(parent, name, path) ?? throw new PayloadSchemaException(Path(path, name), "is required");

    public static int? OptionalInt(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out var number)
            ? number
            : throw new PayloadSchemaException(Path(path, name), "must be an integer");
    }

    public static int RequiredPositiveInt(JsonElement parent, string name, string path)
    {
        var value = RequiredInt(parent, name, path);
        return value > 0 ? value : throw new PayloadSchemaException(Path(path, name), "must be a positive integer");
    }

    public static bool OptionalBool(JsonElement parent, string name, string path, bool fallback = false)
    {
        var value = Optional(parent, name);
        return value?.ValueKind switch
        {
            null => fallback,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new PayloadSchemaException(Path(path, name), "must be true or false"),
        };
    }

    public static DateTimeOffset RequiredInstant(JsonElement parent, string name, string path) =>
        OptionalInstant(parent, name, path) ?? throw new PayloadSchemaException(Path(path, name), "is required");

    public static DateTimeOffset? OptionalInstant(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        throw new PayloadSchemaException(Path(path, name), "must be an ISO-8601 date-time");
    }

    /// <summary>A Unix-seconds instant (Stripe's <c>created</c>).</summary>
    public static DateTimeOffset RequiredUnixTime(JsonElement parent, string name, string path)
    {
        var seconds = RequiredLong(parent, name, path);
        try
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new PayloadSchemaException(Path(path, name), "is not a valid Unix time");
        }
    }

    public static IEnumerable<(JsonElement Item, string Path)> RequiredArray(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        return Items(value, Path(path, name));
    }

    public static IEnumerable<(JsonElement Item, string Path)> OptionalArray(JsonElement parent, string name, string path)
    {
        var value = Optional(parent, name);
        return value is null ? [] : Items(value.Value, Path(path, name));
    }

    private static (JsonElement Item, string Path)[] Items(JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadSchemaException(path, "must be an array");
        }

        return array.EnumerateArray().Select((item, index) => (item, Index(path, index))).ToArray();
    }

    /// <summary>An ISO 4217 currency code, upper-cased.</summary>
    public static string RequiredCurrency(JsonElement parent, string name, string path)
    {
        var code = RequiredString(parent, name, path);
        if (code.Length != 3 || !code.All(char.IsAsciiLetter))
        {
            throw new PayloadSchemaException(Path(path, name), "must be an ISO 4217 currency code");
        }

        return code.ToUpperInvariant();
    }

    /// <summary>An enum written as its JSON (snake_case) name; an unknown value names the allowed ones.</summary>
    public static T RequiredEnum<T>(JsonElement parent, string name, string path)
        where T : struct, Enum
    {
        var value = Required(parent, name, path);
        try
        {
            return value.Deserialize<T>(RetailSync.Events.RetailEventJson.Options);
        }
        catch (JsonException)
        {
            var allowed = string.Join(", ", Enum.GetValues<T>().Select(v => JsonSerializer.Serialize(v, RetailSync.Events.RetailEventJson.Options)));
            throw new PayloadSchemaException(Path(path, name), "must be one of " + allowed);
        }
    }

    /// <summary>The ISO-8601 UTC form used for <c>sourceversion</c>.</summary>
    public static string Version(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
