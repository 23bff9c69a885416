namespace RetailSync.Odoo;

/// <summary>
/// A failure that may pass on its own: HTTP 5xx, timeouts, refused connections, an open circuit,
/// PostgreSQL serialization failures. Retried with jittered backoff; whether a write committed is unknown,
/// which is why every business operation looks up before it writes.
/// </summary>
public sealed class OdooTransientException : OdooException
{
    public OdooTransientException()
    {
    }

    public OdooTransientException(string message)
        : base(message)
    {
    }

    public OdooTransientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public OdooTransientException(string message, string? errorName, string? model, string? method, Exception? innerException = null)
        : base(message, errorName, model, method, innerException)
    {
    }

    /// <summary>True when the call was refused locally because the circuit breaker is open.</summary>
    public bool CircuitOpen { get; init; }
}
