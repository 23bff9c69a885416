using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RetailSync.Odoo.Telemetry;

/// <summary>The client's ActivitySource and instruments.</summary>
internal static class OdooTelemetry
{
    public static readonly ActivitySource Source = new(OdooDiagnostics.SourceName);

    private static readonly Meter Meter = new(OdooDiagnostics.SourceName);

    public static readonly Histogram<double> CallDuration =
        Meter.CreateHistogram<double>(OdooDiagnostics.CallDuration, unit: "s", description: "Latency of Odoo calls.");

    public static readonly Counter<long> Retries =
        Meter.CreateCounter<long>(OdooDiagnostics.Retries, description: "Retries of Odoo calls and operations.");

    public static readonly Counter<long> CircuitTransitions =
        Meter.CreateCounter<long>(OdooDiagnostics.CircuitTransitions, description: "Circuit breaker state changes.");
}
