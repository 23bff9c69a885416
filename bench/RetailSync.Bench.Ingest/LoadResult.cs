namespace RetailSync.Bench.Ingest;

/// <summary>Figures of one load run.</summary>
internal sealed record LoadResult(string Name, int Ok, int Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Ok / Seconds;

    /// <summary>
    /// CPU the storage emulator spent per request of this run, in microseconds; <see langword="null"/> when the
    /// emulator is not this benchmark's own process.
    /// </summary>
    public double? EmulatorCpuUs { get; init; }

    /// <summary>CPU this process (load generator, local host and bare endpoint) spent per request of this run, in microseconds.</summary>
    public double ProcessCpuUs { get; init; }

    /// <summary>
    /// The figures of a run from the latency of every request it sent, failed ones included (a request that timed
    /// out counts at its timeout), and how many of them failed. <see cref="Ok"/> is the rest.
    /// </summary>
    public static LoadResult From(string name, List<double> latencies, int errors, double seconds)
    {
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return new LoadResult(name, latencies.Count - errors, errors, seconds, Percentile(0.50), Percentile(0.99));
    }
}
