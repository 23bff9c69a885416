namespace RetailSync.OrderToCash.Options;

/// <summary>
/// Durable retry of activities that failed with a transient Odoo error (<c>OrderToCash:Retry</c>), on top of the
/// Odoo client's own HTTP retries. Only when these are exhausted does the order park.
/// </summary>
public sealed record OrderToCashRetryOptions
{
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(5);

    public double BackoffCoefficient { get; set; } = 2.0;

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(5);
}
