namespace RetailSync.Messaging;

/// <summary>
/// The events queue (configuration section <c>Queues</c>): its name, where oversized messages are
/// claim-checked, and the size above which they are.
/// </summary>
public sealed record EventQueueOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Queues";

    /// <summary>Name of the events queue (<c>Queues:Events</c>); its dead-letter queue is <c>&lt;name&gt;-deadletter</c>.</summary>
    public string Events { get; init; } = "retail-events";

    /// <summary>Blob container for claim-checked message bodies (<c>Queues:ClaimCheckContainer</c>); default <c>&lt;Events&gt;-claims</c>.</summary>
    public string? ClaimCheckContainer { get; init; }

    /// <summary>
    /// Largest message body (UTF-8 bytes) sent inline (<c>Queues:MaxInlineMessageBytes</c>). Storage Queues
    /// accept 64 KiB of message text; the default keeps a margin for XML escaping and the dead-letter wrapper.
    /// </summary>
    public int MaxInlineMessageBytes { get; init; } = 48 * 1024;

    /// <summary>The dead-letter queue's name.</summary>
    public string DeadLetterQueueName => Events + "-deadletter";

    /// <summary>The claim-check container's name.</summary>
    public string ClaimCheckContainerName => ClaimCheckContainer ?? Events + "-claims";
}
