namespace RetailSync.Sandbox.Odoo;

/// <summary>
/// Fault injection, changeable while the sandbox runs (thread-safe). Rates are shares of calls in [0, 1],
/// drawn from a random source seeded by <see cref="OdooSandboxOptions.Seed"/>; <see cref="Arm"/> makes the
/// next matching call(s) fail for certain. Faults apply to every RPC call (JSON-RPC and JSON-2).
/// </summary>
public sealed class OdooFaults
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly List<Armed> _armed = [];
    private TimeSpan _latency;
    private double _serverErrorRate;
    private double _timeoutRate;
    private TimeSpan _hangFor = TimeSpan.FromSeconds(100);
    private double _loseReplyRate;
    private double _serializationFailureRate;
    private int _serverErrorStatusCode = 503;

    internal OdooFaults(int? seed)
    {
#pragma warning disable CA5394 // Fault injection wants reproducible pseudo-randomness, not security.
        _random = seed is int s ? new Random(s) : new Random();
#pragma warning restore CA5394
    }

    /// <summary>Added to every call before it is served.</summary>
    public TimeSpan Latency
    {
        get { lock (_lock) { return _latency; } }
        set { lock (_lock) { _latency = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }
    }

    /// <summary>Share of calls answered with HTTP <see cref="ServerErrorStatusCode"/> before anything is done.</summary>
    public double ServerErrorRate
    {
        get { lock (_lock) { return _serverErrorRate; } }
        set { lock (_lock) { _serverErrorRate = Share(value); } }
    }

    /// <summary>The 5xx status used for server errors (503 by default; 502 and 504 are what proxies send).</summary>
    public int ServerErrorStatusCode
    {
        get { lock (_lock) { return _serverErrorStatusCode; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 500);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 599);
            lock (_lock)
            {
                _serverErrorStatusCode = value;
            }
        }
    }

    /// <summary>Share of calls held for <see cref="HangFor"/> before being served (if the client is still there).</summary>
    public double TimeoutRate
    {
        get { lock (_lock) { return _timeoutRate; } }
        set { lock (_lock) { _timeoutRate = Share(value); } }
    }

    /// <summary>How long a timed-out call hangs; the call is dropped, uncommitted, if the client goes away first.</summary>
    public TimeSpan HangFor
    {
        get { lock (_lock) { return _hangFor; } }
        set { lock (_lock) { _hangFor = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }
    }

    /// <summary>Share of calls performed and committed whose reply is then lost (connection aborted).</summary>
    public double LoseReplyAfterCommitRate
    {
        get { lock (_lock) { return _loseReplyRate; } }
        set { lock (_lock) { _loseReplyRate = Share(value); } }
    }

    /// <summary>Share of calls refused with a PostgreSQL serialization failure, nothing committed.</summary>
    public double SerializationFailureRate
    {
        get { lock (_lock) { return _serializationFailureRate; } }
        set { lock (_lock) { _serializationFailureRate = Share(value); } }
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> calls matching <paramref name="model"/> and
    /// <paramref name="method"/> (null matches anything; <c>common</c> calls have model "common") fail with
    /// <paramref name="kind"/>, whatever the rates say.
    /// </summary>
    public void Arm(OdooFaultKind kind, string? model = null, string? method = null, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_lock)
        {
            _armed.Add(new Armed(kind, model, method, times));
        }
    }

    /// <summary>Number of armed one-shot faults not yet fired.</summary>
    public int ArmedCount
    {
        get { lock (_lock) { return _armed.Sum(a => a.Remaining); } }
    }

    /// <summary>Turns every fault off: no latency, no rates, nothing armed.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _latency = TimeSpan.Zero;
            _serverErrorRate = _timeoutRate = _loseReplyRate = _serializationFailureRate = 0;
            _armed.Clear();
        }
    }

    internal OdooFaultDecision Decide(string model, string method)
    {
        lock (_lock)
        {
            var armed = _armed.Find(a => (a.Model is null || a.Model == model) && (a.Method is null || a.Method == method));
            if (armed is not null)
            {
                armed.Remaining--;
                if (armed.Remaining == 0)
                {
                    _armed.Remove(armed);
                }

                return new OdooFaultDecision(
                    armed.Kind == OdooFaultKind.ServerError,
                    armed.Kind == OdooFaultKind.Timeout,
                    armed.Kind == OdooFaultKind.LoseReplyAfterCommit,
                    armed.Kind == OdooFaultKind.SerializationFailure);
            }

            return new OdooFaultDecision(
                Draw(_serverErrorRate),
                Draw(_timeoutRate),
                Draw(_loseReplyRate),
                Draw(_serializationFailureRate));
        }
    }

    private bool Draw(double rate) =>
#pragma warning disable CA5394 // See constructor.
        rate > 0 && _random.NextDouble() < rate;
#pragma warning restore CA5394

    private static double Share(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);

    private sealed class Armed(OdooFaultKind kind, string? model, string? method, int remaining)
    {
        public OdooFaultKind Kind { get; } = kind;

        public string? Model { get; } = model;

        public string? Method { get; } = method;

        public int Remaining { get; set; } = remaining;
    }
}
