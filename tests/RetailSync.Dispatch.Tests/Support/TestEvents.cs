using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using RetailSync.Events;
using RetailSync.Messaging;

namespace RetailSync.Dispatch.Tests.Support;

/// <summary>Builds canonical events as ingestion puts them on the queue (structured-mode JSON CloudEvents).</summary>
public static class TestEvents
{
    private static readonly JsonEventFormatter Formatter = new();

    public static EventMessage Message(
        string id,
        string type,
        string subject,
        string? channel = null,
        string? orderKey = null,
        string? returnKey = null,
        string? paymentRef = null,
        string? sourceVersion = null,
        string? traceParent = null,
        object? data = null)
    {
        var cloudEvent = new CloudEvent
        {
            Id = id,
            Type = type,
            Subject = subject,
            Source = new Uri("urn:retailsync:test"),
            Time = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data ?? new { note = "test", amount = 12.5m }),
        };
        Set(cloudEvent, RetailEventAttributes.Channel, channel ?? subject.Split('/')[1]);
        Set(cloudEvent, RetailEventAttributes.CorrelationId, "corr-" + id);
        Set(cloudEvent, RetailEventAttributes.OrderKey, orderKey);
        Set(cloudEvent, RetailEventAttributes.ReturnKey, returnKey);
        Set(cloudEvent, RetailEventAttributes.PaymentReference, paymentRef);
        Set(cloudEvent, RetailEventAttributes.SourceVersion, sourceVersion);
        Set(cloudEvent, "traceparent", traceParent);
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out ContentType _);
        return new EventMessage(id, subject, EventMessage.CloudEventsJson, body, "corr-" + id);
    }

    public static EventMessage Raw(string id, string body) =>
        new(id, null, EventMessage.CloudEventsJson, Encoding.UTF8.GetBytes(body));

    public static ReceivedEventMessage Received(EventMessage message, int deliveryCount = 1) =>
        new(message, deliveryCount, "receipt-" + deliveryCount);

    private static void Set(CloudEvent cloudEvent, string name, string? value)
    {
        if (value is not null)
        {
            cloudEvent[CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String)] = value;
        }
    }
}
