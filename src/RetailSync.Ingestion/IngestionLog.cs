using Microsoft.Extensions.Logging;

namespace RetailSync.Ingestion;

/// <summary>Ingestion's log messages (structured, never bodies, signatures or secrets).</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Accepted {Source} {Topic} delivery {DeliveryId}: {EventCount} event(s) enqueued")]
    public static partial void Accepted(ILogger logger, string source, string topic, string deliveryId, int eventCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Redelivery of {Source} {Topic} delivery {DeliveryId} answered with the {EventCount} event id(s) already enqueued")]
    public static partial void Duplicate(ILogger logger, string source, string topic, string deliveryId, int eventCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Acknowledged {Source} delivery {DeliveryId} of unhandled topic {Topic}")]
    public static partial void Ignored(ILogger logger, string source, string topic, string deliveryId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Rejected {Source} delivery with {StatusCode}: {Reason} {Detail}")]
    public static partial void Rejected(ILogger logger, string source, int statusCode, string reason, string detail);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Could not enqueue {EventCount} event(s) of {Source} {Topic} delivery {DeliveryId}; answering 503 so the channel retries")]
    public static partial void QueueFailed(ILogger logger, Exception exception, string source, string topic, string deliveryId, int eventCount);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Source {Source} has no signing secret configured: every delivery is refused")]
    public static partial void NoSecret(ILogger logger, string source);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Signing secrets of {Source} could not be read; answering 503 so the channel retries")]
    public static partial void SecretsUnavailable(ILogger logger, Exception exception, string source);
}
