namespace RetailSync.Odoo;

/// <summary>Jittered exponential retry of transient Odoo failures (section <c>Odoo:Retry</c>).</summary>
public sealed record OdooRetryOptions
{
    /// <summary>Retries after the first attempt (0 disables retrying).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Median delay before the first retry; later ones grow exponentially with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
