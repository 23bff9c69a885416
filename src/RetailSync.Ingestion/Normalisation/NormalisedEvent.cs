using RetailSync.Events;

namespace RetailSync.Ingestion.Normalisation;

/// <summary>One canonical event a delivery yields, before it becomes a CloudEvent.</summary>
/// <param name="Type">A <see cref="RetailEventTypes"/> value.</param>
/// <param name="Subject">The business object it is about.</param>
/// <param name="Data">The canonical data record (<see cref="OrderData"/>, <see cref="PaymentData"/>, ...).</param>
/// <param name="OccurredAt">When it happened at the channel.</param>
/// <param name="SourceVersion">The channel's version of the business object (ISO-8601 UTC instant).</param>
/// <param name="OrderKey">Subject form of the related order, when known.</param>
/// <param name="ReturnKey">Subject form of the related return, when known.</param>
/// <param name="PaymentReference">Gateway payment reference (<c>stripe/pi_...</c>), when known.</param>
public sealed record NormalisedEvent(
    string Type,
    BusinessKey Subject,
    object Data,
    DateTimeOffset OccurredAt,
    string SourceVersion,
    string? OrderKey = null,
    string? ReturnKey = null,
    string? PaymentReference = null);
