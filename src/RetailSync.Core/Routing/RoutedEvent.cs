using System.Text.Json;

namespace RetailSync.Routing;

/// <summary>
/// The payload the event dispatcher raises to a workflow instance (event name = the CloudEvent type by
/// default). Workflows wait for it with <c>WaitForExternalEvent&lt;RoutedEvent&gt;(type)</c> and never need to
/// reference the dispatcher.
/// </summary>
/// <param name="EventId">The canonical event id (deterministic: every copy of a delivery has the same one).
/// The dispatcher raises each id at most once per instance; workflows may still dedupe on it.</param>
/// <param name="Type">The CloudEvent type (<c>RetailEventTypes.*</c>).</param>
/// <param name="Subject">The business object the event is about, in subject form (<c>payment/stripe/pi_123</c>).</param>
/// <param name="Channel">The channel that produced it (<c>shopify</c>, <c>stripe</c>, ...).</param>
/// <param name="Time">When the channel says the event happened, when it says so.</param>
/// <param name="SourceVersion">The channel's version of the business object (ISO-8601), when known.</param>
/// <param name="CorrelationId">Correlation id of the delivery that produced the event.</param>
/// <param name="OrderKey">Subject form of the order the event belongs to, when known.</param>
/// <param name="ReturnKey">Subject form of the return the event belongs to, when known.</param>
/// <param name="PaymentReference">Gateway payment reference (<c>stripe/pi_123</c>), when known.</param>
/// <param name="IsStale">True when a newer version of the business object was already applied; only raised
/// when the dispatcher is configured to deliver stale events (workflows then record and ignore it).</param>
/// <param name="Data">The canonical record exactly as ingestion produced it (JSON <c>null</c> when absent).</param>
public sealed record RoutedEvent(
    string EventId,
    string Type,
    string Subject,
    string Channel,
    DateTimeOffset? Time,
    string? SourceVersion,
    string? CorrelationId,
    string? OrderKey,
    string? ReturnKey,
    string? PaymentReference,
    bool IsStale,
    JsonElement Data);
