namespace RetailSync.Telemetry;

/// <summary>
/// Names of RetailSync's <see cref="System.Diagnostics.ActivitySource"/>s and <see cref="System.Diagnostics.Metrics.Meter"/>s,
/// so every host registers the same ones with OpenTelemetry (<c>AddSource("RetailSync.*")</c>, <c>AddMeter(...)</c>).
/// </summary>
public static class RetailSyncTelemetry
{
    /// <summary>Prefix shared by every RetailSync source and meter.</summary>
    public const string Prefix = "RetailSync";

    /// <summary>Webhook ingestion: spans per delivery, counters and the latency histogram.</summary>
    public const string Ingestion = "RetailSync.Ingestion";

    /// <summary>The events queue adapters.</summary>
    public const string Messaging = "RetailSync.Messaging";

    /// <summary>The dispatcher.</summary>
    public const string Dispatch = "RetailSync.Dispatch";

    /// <summary>Workflows (orchestrations and activities).</summary>
    public const string Workflows = "RetailSync.Workflows";

    /// <summary>The Odoo client.</summary>
    public const string Odoo = "RetailSync.Odoo";

    /// <summary>Every source/meter name above.</summary>
    /// <summary>Payment gateway calls (refunds).</summary>
    public const string Payments = "RetailSync.Payments";

    public static IReadOnlyList<string> All { get; } = [Ingestion, Messaging, Dispatch, Workflows, Odoo, Payments];
}
