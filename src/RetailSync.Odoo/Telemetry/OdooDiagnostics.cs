namespace RetailSync.Odoo;

/// <summary>Names of the ActivitySource and Meter of the Odoo client, to register with OpenTelemetry.</summary>
public static class OdooDiagnostics
{
    /// <summary>Name of both the <see cref="System.Diagnostics.ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "RetailSync.Odoo";

    /// <summary>Histogram of Odoo call latency in seconds (tags: odoo.model, odoo.method, outcome).</summary>
    public const string CallDuration = "retailsync.odoo.call.duration";

    /// <summary>Counter of retries (tags: level = http | operation).</summary>
    public const string Retries = "retailsync.odoo.retries";

    /// <summary>Counter of circuit breaker transitions (tags: state = opened | half_opened | closed).</summary>
    public const string CircuitTransitions = "retailsync.odoo.circuit.transitions";
}
