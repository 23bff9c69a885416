namespace RetailSync.Bench.Ingest;

/// <summary>Figures of one load run, or of several rounds of the same load pooled (<see cref="Pool"/>).</summary>
internal sealed record LoadResult(string Name, int Ok, int Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Ok / Seconds;

    /// <summary>Latency of every request of the run in milliseconds, sorted; what <see cref="Pool"/> merges.</summary>
    public IReadOnlyList<double> Latencies { get; private init; } = [];

    /// <summary>
    /// CPU the storage emulator spent per request of this run, in microseconds; <see langword="null"/> when the
    /// emulator is not this benchmark's own process.
    /// </summary>
    public double? EmulatorCpuUs { get; init; }

    /// <summary>CPU this process (load generator, local host and bare endpoint) spent per request of this run, in microseconds.</summary>
    public double ProcessCpuUs { get; init; }

    /// <summary>Time this process spent paused for .NET garbage collection during the run (all threads stopped).</summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>The highest p99 of the rounds a pooled result was made of; the run's own p99 for a single run.</summary>
    public double WorstRoundP99Ms { get; private init; }

    /// <summary>
    /// The figures of a run from the latency of every request it sent, failed ones included (a request that timed
    /// out counts at its timeout), and how many of them failed. <see cref="Ok"/> is the rest.
    /// </summary>
    public static LoadResult From(string name, List<double> latencies, int errors, double seconds)
    {
        latencies.Sort();
        var p99 = Percentile(latencies, 0.99);
        return new LoadResult(name, latencies.Count - errors, errors, seconds, Percentile(latencies, 0.50), p99)
        {
            Latencies = latencies,
            WorstRoundP99Ms = p99,
        };
    }

    /// <summary>
    /// Rounds of the same load as one result: percentiles over every request of every round, counts and seconds
    /// added up, CPU per request weighted by each round's requests.
    /// </summary>
    public static LoadResult Pool(string name, IReadOnlyList<LoadResult> rounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        var latencies = rounds.SelectMany(r => r.Latencies).ToList();
        var errors = rounds.Sum(r => r.Errors);
        var pooled = From(name, latencies, errors, rounds.Sum(r => r.Seconds));
        return pooled with
        {
            EmulatorCpuUs = rounds.All(r => r.EmulatorCpuUs is not null) ? Weighted(r => r.EmulatorCpuUs!.Value) : null,
            ProcessCpuUs = Weighted(r => r.ProcessCpuUs),
            GcPause = rounds.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.GcPause),
            WorstRoundP99Ms = rounds.Max(r => r.P99Ms),
        };

        double Weighted(Func<LoadResult, double> perRequest) =>
            rounds.Sum(r => perRequest(r) * r.Latencies.Count) / Math.Max(1, latencies.Count);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
