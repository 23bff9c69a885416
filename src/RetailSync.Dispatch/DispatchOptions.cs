using RetailSync.Events;

namespace RetailSync.Dispatch;

/// <summary>Settings of the event dispatcher and its local pump (configuration section <c>Dispatch</c>).</summary>
public sealed record DispatchOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Dispatch";

    /// <summary>Types judged stale when older than a version already seen, unless configured otherwise.</summary>
    public static readonly IReadOnlyList<string> DefaultStaleableTypes =
        [RetailEventTypes.OrderUpdated, RetailEventTypes.ReturnUpdated, RetailEventTypes.RefundUpdated];

    /// <summary>Deliveries of one message before it is dead-lettered (default 5).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Messages the local pump dispatches at the same time (default 8).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Messages the local pump takes per receive call (at most the free concurrency slots).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How long a received message stays hidden from other consumers.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the pump waits before polling an empty queue again.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dispatcher's claim on an event lasts before another may retake it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry delay after a failed attempt; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An event unrouted for longer than this gets an exception record (it stays parked).</summary>
    public TimeSpan UnroutedDeadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweeper retries parked events and checks their deadline.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the local pump runs (the Functions shell settles messages itself and turns it off).</summary>
    public bool PumpEnabled { get; set; } = true;

    /// <summary>Whether the unrouted sweeper runs in this host.</summary>
    public bool SweepEnabled { get; set; } = true;

    /// <summary>
    /// False (default): a stale event is recorded (ledger + audit) and not raised. True: it is raised with
    /// <c>IsStale = true</c> for the workflow to record and ignore.
    /// </summary>
    public bool RaiseStaleEvents { get; set; }

    /// <summary>
    /// Whether to check, when the instance already existed, that it is still running: an event for a finished
    /// instance is not raised into the void but recorded as a late event with an exception record.
    /// </summary>
    public bool CheckFinishedInstances { get; set; } = true;

    /// <summary>Workflow that carries orders (default <c>OrderToCash</c>).</summary>
    public string OrderWorkflow { get; set; } = "OrderToCash";

    /// <summary>Workflow that carries returns (default <c>ReturnToRefund</c>).</summary>
    public string ReturnWorkflow { get; set; } = "ReturnToRefund";

    /// <summary>Types that can be stale; null means <see cref="DefaultStaleableTypes"/>.</summary>
    public IList<string>? StaleableTypes { get; set; }

    /// <summary>Per-type overrides of the default routing table, keyed by CloudEvent type.</summary>
    public IDictionary<string, EventRoute> Routes { get; set; } = new Dictionary<string, EventRoute>(StringComparer.Ordinal);
}
