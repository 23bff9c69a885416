using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using RetailSync.Events;
using RetailSync.Ingestion.Normalisation;
using RetailSync.Messaging;

namespace RetailSync.Ingestion.CloudEvents;

/// <summary>
/// Turns normalised events into structured-mode CloudEvents 1.0 (JSON) and queue messages: deterministic id,
/// <c>subject</c> = business key, RetailSync extension attributes, W3C trace context and the raw body (<see cref="RawBody"/>).
/// </summary>
public static class RetailCloudEvents
{
    /// <summary>The formatter for RetailSync events (canonical data written with <see cref="RetailEventJson.Options"/>).</summary>
    public static JsonEventFormatter Formatter { get; } = new(RetailEventJson.Options, default);

    private static CloudEventAttribute Channel { get; } = Extension(RetailEventAttributes.Channel);

    private static CloudEventAttribute DeliveryId { get; } = Extension(RetailEventAttributes.DeliveryId);

    private static CloudEventAttribute SourceEventId { get; } = Extension(RetailEventAttributes.SourceEventId);

    private static CloudEventAttribute SourceVersion { get; } = Extension(RetailEventAttributes.SourceVersion);

    private static CloudEventAttribute SourceTopic { get; } = Extension(RetailEventAttributes.SourceTopic);

    private static CloudEventAttribute CorrelationId { get; } = Extension(RetailEventAttributes.CorrelationId);

    private static CloudEventAttribute OrderKey { get; } = Extension(RetailEventAttributes.OrderKey);

    private static CloudEventAttribute ReturnKey { get; } = Extension(RetailEventAttributes.ReturnKey);

    private static CloudEventAttribute PaymentReference { get; } = Extension(RetailEventAttributes.PaymentReference);

    private static CloudEventAttribute RawBodyAttribute { get; } = Extension(RetailEventAttributes.RawBody);

    private static CloudEventAttribute RawBodyEncoding { get; } = Extension(RetailEventAttributes.RawBodyEncoding);

    private static CloudEventAttribute TraceParent { get; } = Extension(RetailEventAttributes.TraceParent);

    private static CloudEventAttribute TraceState { get; } = Extension(RetailEventAttributes.TraceState);

    /// <summary>The extension attributes RetailSync sets (all strings).</summary>
    public static IReadOnlyList<CloudEventAttribute> Extensions { get; } =
    [
        Channel, DeliveryId, SourceEventId, SourceVersion, SourceTopic, CorrelationId, OrderKey, ReturnKey, PaymentReference, RawBodyAttribute, RawBodyEncoding, TraceParent, TraceState,
    ];

    /// <summary>The CloudEvent <c>source</c> of a webhook channel.</summary>
    public static Uri SourceUri(string channel) => new("urn:retailsync:webhooks:" + channel);

    /// <summary>Builds the CloudEvent of one normalised event.</summary>
    public static CloudEvent Create(
        string channel,
        WebhookNormalisation delivery,
        NormalisedEvent normalised,
        string correlationId,
        RawBody rawBody,
        string? traceParent,
        string? traceState)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(normalised);
        ArgumentNullException.ThrowIfNull(rawBody);
        var subject = normalised.Subject.ToSubject();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, Extensions)
        {
            Id = RetailEventId.Create(channel, delivery.Topic, delivery.SourceEventId, normalised.Type, subject),
            Source = SourceUri(channel),
            Type = normalised.Type,
            Subject = subject,
            Time = normalised.OccurredAt,
            DataContentType = MediaTypeNames.Application.Json,
            Data = normalised.Data,
        };
        cloudEvent[Channel] = channel;
        cloudEvent[DeliveryId] = delivery.DeliveryId;
        cloudEvent[SourceEventId] = delivery.SourceEventId;
        cloudEvent[SourceVersion] = normalised.SourceVersion;
        cloudEvent[SourceTopic] = delivery.Topic;
        cloudEvent[CorrelationId] = correlationId;
        cloudEvent[RawBodyAttribute] = rawBody.Base64;
        if (rawBody.Encoding is not null)
        {
            cloudEvent[RawBodyEncoding] = rawBody.Encoding;
        }

        if (normalised.OrderKey is not null)
        {
            cloudEvent[OrderKey] = normalised.OrderKey;
        }

        if (normalised.ReturnKey is not null)
        {
            cloudEvent[ReturnKey] = normalised.ReturnKey;
        }

        if (normalised.PaymentReference is not null)
        {
            cloudEvent[PaymentReference] = normalised.PaymentReference;
        }

        if (traceParent is not null)
        {
            cloudEvent[TraceParent] = traceParent;
            if (!string.IsNullOrEmpty(traceState))
            {
                cloudEvent[TraceState] = traceState;
            }
        }

        return cloudEvent;
    }

    /// <summary>Serialises a CloudEvent as a queue message (message id = event id, session = subject).</summary>
    public static EventMessage ToMessage(CloudEvent cloudEvent, string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
        return new EventMessage(cloudEvent.Id!, cloudEvent.Subject, EventMessage.CloudEventsJson, body, correlationId);
    }

    /// <summary>Reads a structured-mode CloudEvent written by <see cref="ToMessage"/> (data stays a <see cref="System.Text.Json.JsonElement"/>).</summary>
    public static CloudEvent Parse(ReadOnlyMemory<byte> body) =>
        Formatter.DecodeStructuredModeMessage(body, new System.Net.Mime.ContentType(EventMessage.CloudEventsJson), Extensions);

    private static CloudEventAttribute Extension(string name) => CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String);
}
