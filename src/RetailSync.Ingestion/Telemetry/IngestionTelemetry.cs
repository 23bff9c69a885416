using System.Diagnostics;
using System.Diagnostics.Metrics;
using RetailSync.Telemetry;

namespace RetailSync.Ingestion.Telemetry;

/// <summary>
/// Ingestion's spans and metrics (source and meter <c>RetailSync.Ingestion</c>): deliveries received, accepted,
/// duplicate, ignored and rejected by source, topic and reason; events enqueued by type; handling latency.
/// </summary>
public sealed class IngestionTelemetry : IDisposable
{
    /// <summary>Spans: one per delivery.</summary>
    public static readonly ActivitySource ActivitySource = new(RetailSyncTelemetry.Ingestion);

    private readonly Meter _meter;

    public IngestionTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(RetailSyncTelemetry.Ingestion) ?? new Meter(RetailSyncTelemetry.Ingestion);
        Received = _meter.CreateCounter<long>("retailsync.webhook.received", "{delivery}", "Webhook deliveries received");
        Accepted = _meter.CreateCounter<long>("retailsync.webhook.accepted", "{delivery}", "Deliveries verified, normalised and enqueued");
        Duplicate = _meter.CreateCounter<long>("retailsync.webhook.duplicate", "{delivery}", "Redeliveries answered with the ids already enqueued");
        Ignored = _meter.CreateCounter<long>("retailsync.webhook.ignored", "{delivery}", "Verified deliveries of topics RetailSync does not handle");
        Rejected = _meter.CreateCounter<long>("retailsync.webhook.rejected", "{delivery}", "Deliveries refused (4xx) or not enqueued (5xx), by reason");
        EventsEnqueued = _meter.CreateCounter<long>("retailsync.webhook.events", "{event}", "Canonical events enqueued, by type");
        Duration = _meter.CreateHistogram<double>("retailsync.webhook.duration", "ms", "Time to handle a delivery, from first byte read to response");
    }

    public Counter<long> Received { get; }

    public Counter<long> Accepted { get; }

    public Counter<long> Duplicate { get; }

    public Counter<long> Ignored { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> EventsEnqueued { get; }

    public Histogram<double> Duration { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
