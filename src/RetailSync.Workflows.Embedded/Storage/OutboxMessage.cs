namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>
/// A side effect of an episode, committed atomically with the episode and carried out after it. Carrying one
/// out is idempotent, so a crash between commit and clean-up only repeats it.
/// </summary>
public sealed record OutboxMessage(string Id, string EpisodeId, OutboxKind Kind, string TargetInstanceId)
{
    public ActivityWorkItem? WorkItem { get; init; }

    public InboxMessage? Message { get; init; }

    public DateTimeOffset? DeliverAt { get; init; }

    public InstanceState? NewInstance { get; init; }

    /// <summary>When the episode that produced it committed (kept when the row is carried into a later episode).</summary>
    public DateTimeOffset? CommittedAt { get; init; }
}
