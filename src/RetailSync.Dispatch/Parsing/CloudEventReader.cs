using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using RetailSync.Events;
using RetailSync.Messaging;

namespace RetailSync.Dispatch.Parsing;

/// <summary>
/// Reads a queue message as a structured-mode JSON CloudEvent (CloudNative.CloudEvents) and checks what
/// routing relies on: id, type, a subject in business-key form, well-formed <c>orderkey</c>/<c>returnkey</c>
/// and an ISO-8601 <c>sourceversion</c>. Anything else is malformed, with a reason naming the attribute.
/// </summary>
internal static class CloudEventReader
{
    private const string TraceParentAttribute = "traceparent";
    private const string TraceStateAttribute = "tracestate";

    private static readonly JsonEventFormatter Formatter = new();
    private static readonly ContentType StructuredJson = new(EventMessage.CloudEventsJson);
    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement.Clone();

    private static readonly CloudEventAttribute[] Extensions =
    [
        .. new[]
        {
            RetailEventAttributes.Channel, RetailEventAttributes.DeliveryId, RetailEventAttributes.SourceEventId,
            RetailEventAttributes.SourceVersion, RetailEventAttributes.CorrelationId, RetailEventAttributes.OrderKey,
            RetailEventAttributes.ReturnKey, RetailEventAttributes.PaymentReference, RetailEventAttributes.RawBodyBlob,
            TraceParentAttribute, TraceStateAttribute,
        }.Select(name => CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String)),
    ];

    public static bool TryRead(EventMessage message, [NotNullWhen(true)] out RetailEvent? retailEvent, [NotNullWhen(false)] out string? error)
    {
        retailEvent = null;
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = Formatter.DecodeStructuredModeMessage(message.Body, StructuredJson, Extensions);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever the SDK throws for bad input, the message is malformed: say why, never crash the host.
            error = "The message body is not a structured-mode JSON CloudEvent: " + ex.Message;
            return false;
        }

        if (string.IsNullOrWhiteSpace(cloudEvent.Id) || string.IsNullOrWhiteSpace(cloudEvent.Type))
        {
            error = "The CloudEvent has no id or no type.";
            return false;
        }

        if (!BusinessKey.TryParseSubject(cloudEvent.Subject, out var subjectKey))
        {
            error = $"The CloudEvent subject '{Shorten(cloudEvent.Subject)}' is not a business key (kind/channel/key).";
            return false;
        }

        if (!TryKey(cloudEvent, RetailEventAttributes.OrderKey, out var orderKey, out error)
            || !TryKey(cloudEvent, RetailEventAttributes.ReturnKey, out var returnKey, out error))
        {
            return false;
        }

        var sourceVersion = Text(cloudEvent, RetailEventAttributes.SourceVersion);
        DateTimeOffset? versionInstant = null;
        if (sourceVersion is not null)
        {
            if (!DateTimeOffset.TryParse(sourceVersion, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                error = $"The '{RetailEventAttributes.SourceVersion}' attribute '{Shorten(sourceVersion)}' is not an ISO-8601 instant.";
                return false;
            }

            versionInstant = parsed;
        }

        var channel = Text(cloudEvent, RetailEventAttributes.Channel) ?? subjectKey.Channel;
        retailEvent = new RetailEvent(
            cloudEvent.Id,
            cloudEvent.Type,
            cloudEvent.Subject!,
            subjectKey,
            channel,
            cloudEvent.Time,
            sourceVersion,
            versionInstant,
            Text(cloudEvent, RetailEventAttributes.CorrelationId) ?? message.CorrelationId,
            orderKey,
            returnKey,
            Text(cloudEvent, RetailEventAttributes.PaymentReference),
            Text(cloudEvent, TraceParentAttribute),
            Text(cloudEvent, TraceStateAttribute),
            ReadData(cloudEvent.Data),
            message.ContentType,
            message.Body);
        error = null;
        return true;
    }

    private static bool TryKey(CloudEvent cloudEvent, string attribute, out BusinessKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        error = null;
        var text = Text(cloudEvent, attribute);
        if (text is null)
        {
            return true;
        }

        if (BusinessKey.TryParseSubject(text, out var parsed))
        {
            key = parsed;
            return true;
        }

        error = $"The '{attribute}' attribute '{Shorten(text)}' is not a business key (kind/channel/key).";
        return false;
    }

    private static string? Text(CloudEvent cloudEvent, string attribute) =>
        cloudEvent[attribute] is string { Length: > 0 } text ? text : null;

    private static JsonElement ReadData(object? data) => data switch
    {
        null => JsonNull,
        JsonElement element => element.Clone(),
        string text => JsonSerializer.SerializeToElement(text),
        byte[] bytes => TryParseJson(bytes) ?? JsonSerializer.SerializeToElement(Convert.ToBase64String(bytes)),
        _ => JsonSerializer.SerializeToElement(data.ToString()),
    };

    private static JsonElement? TryParseJson(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 200 ? text : text[..200] + "...";
}
