using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RetailSync.Dispatch;

/// <summary>The dispatcher's meter (counters by event type) and activity source.</summary>
internal sealed class DispatchTelemetry
{
    public const string Name = "RetailSync.Dispatch";

    public static readonly ActivitySource ActivitySource = new(Name);

    public DispatchTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Dispatched = meter.CreateCounter<long>("retailsync.dispatch.dispatched", "{event}", "Events raised to a workflow instance.");
        Duplicates = meter.CreateCounter<long>("retailsync.dispatch.duplicates", "{event}", "Copies of events already handled.");
        Stale = meter.CreateCounter<long>("retailsync.dispatch.stale", "{event}", "Events older than a version already applied.");
        Unrouted = meter.CreateCounter<long>("retailsync.dispatch.unrouted", "{event}", "Events parked until their order or return is known.");
        Released = meter.CreateCounter<long>("retailsync.dispatch.released", "{event}", "Parked events raised once their order or return became known.");
        Recorded = meter.CreateCounter<long>("retailsync.dispatch.recorded", "{event}", "Events no workflow takes, recorded only.");
        Late = meter.CreateCounter<long>("retailsync.dispatch.late", "{event}", "Events for instances that had already finished.");
        DeadLettered = meter.CreateCounter<long>("retailsync.dispatch.deadlettered", "{event}", "Messages moved to the dead-letter queue.");
        Retries = meter.CreateCounter<long>("retailsync.dispatch.retries", "{event}", "Attempts that failed and will be retried.");
        Duration = meter.CreateHistogram<double>("retailsync.dispatch.duration", "ms", "Time to dispatch one message.");
    }

    public Counter<long> Dispatched { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Stale { get; }

    public Counter<long> Unrouted { get; }

    public Counter<long> Released { get; }

    public Counter<long> Recorded { get; }

    public Counter<long> Late { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> Retries { get; }

    public Histogram<double> Duration { get; }

    public static KeyValuePair<string, object?> TypeTag(string? type) => new("event.type", type ?? "unknown");
}
