using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RetailSync.Workflows.Embedded.Telemetry;

/// <summary>
/// The embedded runtime's spans and metrics. Source and meter name: <see cref="Name"/>. Spans: one per episode
/// (<c>workflow.episode</c>) and per activity run (<c>workflow.activity</c>). Metrics: episodes, activities and
/// failures (counters), episode/activity/storage-call durations (histograms, milliseconds).
/// </summary>
public static class WorkflowTelemetry
{
    public const string Name = "RetailSync.Workflows.Embedded";

    public static ActivitySource ActivitySource { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static Counter<long> Episodes { get; } = Meter.CreateCounter<long>("retailsync.workflows.episodes", description: "Orchestration episodes committed.");

    internal static Counter<long> Activities { get; } = Meter.CreateCounter<long>("retailsync.workflows.activities", description: "Activity runs finished (completed or failed).");

    internal static Counter<long> Failures { get; } = Meter.CreateCounter<long>("retailsync.workflows.failures", description: "Failed activity runs, failed instances and failed processing attempts.");

    internal static Histogram<double> EpisodeDuration { get; } = Meter.CreateHistogram<double>("retailsync.workflows.episode.duration", "ms", "Time to load, replay, commit and dispatch one episode.");

    internal static Histogram<double> ActivityDuration { get; } = Meter.CreateHistogram<double>("retailsync.workflows.activity.duration", "ms", "Time to run one activity and record its result.");

    internal static Histogram<double> StorageDuration { get; } = Meter.CreateHistogram<double>("retailsync.workflows.storage.duration", "ms", "Latency of one storage call (table or queue).");

    /// <summary>Times a storage call and records it under <paramref name="operation"/>.</summary>
    internal static async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            StorageDuration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    internal static async Task MeasureAsync(string operation, Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        finally
        {
            StorageDuration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
