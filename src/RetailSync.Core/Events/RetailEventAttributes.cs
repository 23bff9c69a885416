namespace RetailSync.Events;

/// <summary>
/// CloudEvent extension attributes RetailSync sets on canonical events (lower-case alphanumeric, as the
/// CloudEvents spec requires). The dispatcher routes on these without reading the event's data.
/// </summary>
public static class RetailEventAttributes
{
    /// <summary>The channel: <c>shopify</c>, <c>stripe</c>, <c>loop</c>, <c>warehouse</c>, <c>pos</c>.</summary>
    public const string Channel = "channel";

    /// <summary>The channel's id for the HTTP delivery (e.g. X-Shopify-Webhook-Id, webhook-id).</summary>
    public const string DeliveryId = "deliveryid";

    /// <summary>The channel's id for the business event (e.g. X-Shopify-Event-Id, Stripe evt_ id).</summary>
    public const string SourceEventId = "sourceeventid";

    /// <summary>
    /// Version of the business object as the channel last changed it, as an ISO-8601 UTC instant
    /// (e.g. Shopify <c>updated_at</c>); a lower version than one already applied is stale.
    /// </summary>
    public const string SourceVersion = "sourceversion";

    /// <summary>Correlation id of the delivery that produced the event.</summary>
    public const string CorrelationId = "correlationid";

    /// <summary>Subject form of the order this event belongs to, when the payload names it.</summary>
    public const string OrderKey = "orderkey";

    /// <summary>Subject form of the return this event belongs to, when the payload names it.</summary>
    public const string ReturnKey = "returnkey";

    /// <summary>Gateway payment reference (<c>stripe/pi_...</c>) tying payments and refunds to an order.</summary>
    public const string PaymentReference = "paymentref";

    /// <summary>Blob name of the raw body when it was too large to travel inside the message (claim check).</summary>
    public const string RawBodyBlob = "rawbodyblob";

    /// <summary>The channel's topic or event type that produced the event (<c>orders/create</c>, <c>payment_intent.succeeded</c>).</summary>
    public const string SourceTopic = "sourcetopic";

    /// <summary>
    /// The raw request body, so the event can be replayed from the exact bytes the channel signed: base64 of the body,
    /// or of its gzip when <see cref="RawBodyEncoding"/> says so.
    /// </summary>
    public const string RawBody = "rawbody";

    /// <summary>How <see cref="RawBody"/> is encoded before base64: <c>gzip</c>, or absent when it is the body itself.</summary>
    public const string RawBodyEncoding = "rawbodyencoding";

    /// <summary>W3C trace context of the request that produced the event (CloudEvents distributed tracing extension).</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C trace state that travels with <see cref="TraceParent"/>.</summary>
    public const string TraceState = "tracestate";
}
