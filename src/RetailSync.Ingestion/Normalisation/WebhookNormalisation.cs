namespace RetailSync.Ingestion.Normalisation;

/// <summary>What a normaliser made of a verified delivery.</summary>
/// <param name="Topic">The channel's topic or event type (<c>orders/create</c>, <c>payment_intent.succeeded</c>).</param>
/// <param name="DeliveryId">The channel's id of the HTTP delivery.</param>
/// <param name="SourceEventId">The channel's id of the business event (stable across redeliveries).</param>
/// <param name="Events">The canonical events; empty when the topic is not one RetailSync handles.</param>
/// <param name="IsKnownTopic">False when RetailSync does not handle the topic (acknowledged, counted, logged).</param>
public sealed record WebhookNormalisation(
    string Topic,
    string DeliveryId,
    string SourceEventId,
    IReadOnlyList<NormalisedEvent> Events,
    bool IsKnownTopic = true)
{
    public static WebhookNormalisation UnknownTopic(string topic, string deliveryId, string sourceEventId) =>
        new(topic, deliveryId, sourceEventId, [], IsKnownTopic: false);
}
