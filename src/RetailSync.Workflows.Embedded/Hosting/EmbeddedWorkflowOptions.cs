namespace RetailSync.Workflows.Embedded.Hosting;

/// <summary>
/// Settings of the embedded runtime, bound from the <c>Workflows</c> configuration section
/// (e.g. <c>Workflows:TaskHub</c>, <c>Workflows:MaxActivitiesInFlight</c>).
/// </summary>
public sealed record EmbeddedWorkflowOptions
{
    public const string SectionName = "Workflows";

    /// <summary>Prefix of the runtime's tables and queues: letters and digits, starting with a letter.</summary>
    public string TaskHub { get; set; } = "RetailSync";

    /// <summary>Where instances live. Default: Azure Storage.</summary>
    public WorkflowStoreKind Store { get; set; } = WorkflowStoreKind.AzureStorage;

    /// <summary>Storage connection string; default from <c>Storage:ConnectionString</c> or <c>RETAILSYNC_STORAGE_CONNECTION_STRING</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Activities running at once in this process (Durable's maxConcurrentActivityFunctions).</summary>
    public int MaxActivitiesInFlight { get; set; } = 8;

    /// <summary>Instances replaying at once in this process (Durable's maxConcurrentOrchestratorFunctions).</summary>
    public int MaxOrchestrationsInFlight { get; set; } = 16;

    /// <summary>Messages an episode consumes at most (the rest go to the next episode).</summary>
    public int MaxMessagesPerEpisode { get; set; } = 50;

    /// <summary>How long a received wake-up stays hidden; after a crash, the instance resumes this much later.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a received activity stays hidden; renewed while the activity runs.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often persisted timers are checked (timers scheduled by this process wake it sooner).</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after an episode's commit its side effects (outbox) are presumed abandoned by the worker that
    /// committed it (crashed) and are carried out by another worker.
    /// </summary>
    public TimeSpan OutboxRecoveryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Receives of one wake-up after which a wake-up that keeps failing is dropped (and logged as an error).</summary>
    public int MaxDequeueCount { get; set; } = 20;

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad key.</summary>
    public void Validate()
    {
        Storage.AzureStorage.AzureStorageWorkflowStore.ValidateTaskHub(TaskHub);
        Check(MaxActivitiesInFlight is >= 1 and <= 1000, nameof(MaxActivitiesInFlight), "1 to 1000");
        Check(MaxOrchestrationsInFlight is >= 1 and <= 1000, nameof(MaxOrchestrationsInFlight), "1 to 1000");
        Check(MaxMessagesPerEpisode is >= 1 and <= 90, nameof(MaxMessagesPerEpisode), "1 to 90");
        Check(ControlQueueVisibilityTimeout >= TimeSpan.FromSeconds(1), nameof(ControlQueueVisibilityTimeout), "at least 1 second");
        Check(WorkItemVisibilityTimeout >= TimeSpan.FromSeconds(1), nameof(WorkItemVisibilityTimeout), "at least 1 second");
        Check(TimerPollInterval > TimeSpan.Zero, nameof(TimerPollInterval), "positive");
        Check(MaxQueuePollingInterval > TimeSpan.Zero, nameof(MaxQueuePollingInterval), "positive");
        Check(OutboxRecoveryDelay >= TimeSpan.Zero, nameof(OutboxRecoveryDelay), "zero or more");
        Check(MaxDequeueCount >= 1, nameof(MaxDequeueCount), "at least 1");
    }

    private static void Check(bool ok, string key, string expected)
    {
        if (!ok)
        {
            throw new ArgumentException($"{SectionName}:{key} must be {expected}.", key);
        }
    }
}
