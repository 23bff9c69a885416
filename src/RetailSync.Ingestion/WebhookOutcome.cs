namespace RetailSync.Ingestion;

/// <summary>What the handler did with a delivery.</summary>
public enum WebhookOutcome
{
    /// <summary>Verified, normalised and enqueued (202).</summary>
    Accepted,

    /// <summary>A redelivery of events this instance enqueued already: same ids, no second write (202).</summary>
    Duplicate,

    /// <summary>Verified but of a topic RetailSync does not handle: acknowledged so the channel stops retrying (202).</summary>
    Ignored,

    /// <summary>Refused (4xx).</summary>
    Rejected,

    /// <summary>Could not be enqueued; the channel should retry (503).</summary>
    Failed,
}
