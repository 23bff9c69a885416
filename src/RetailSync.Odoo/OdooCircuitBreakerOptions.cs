namespace RetailSync.Odoo;

/// <summary>Circuit breaker settings (section <c>Odoo:CircuitBreaker</c>).</summary>
public sealed record OdooCircuitBreakerOptions
{
    /// <summary>Share of failed attempts within the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts the window must hold before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>Length of the sampling window.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
