using System.Diagnostics;

namespace RetailSync.Bench.Ingest;

/// <summary>Closed-loop (max throughput) and open-loop (fixed rate) HTTP load over loopback.</summary>
internal static class LoadDriver
{
    private static long _nextOrder = 9_000_000_000;

    public static long NextOrderId() => Interlocked.Increment(ref _nextOrder);

    /// <summary>As fast as <paramref name="concurrency"/> workers can go for <paramref name="duration"/>; only 202 counts as success.</summary>
    public static async Task<LoadResult> ClosedLoopAsync(string name, HttpClient http, Func<HttpRequestMessage> next, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                using var request = next();
                var started = Stopwatch.GetTimestamp();
                if (!await SucceedsAsync(http, request))
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        return LoadResult.From(name, latencies.SelectMany(l => l).ToList(), errors, seconds);
    }

    /// <summary>Requests started on a fixed schedule; latency measured from the scheduled start (no coordinated omission).</summary>
    public static async Task<LoadResult> FixedRateAsync(string name, HttpClient http, Func<HttpRequestMessage> next, int perSecond, TimeSpan duration)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var latencies = new List<double>(total);
        var gate = new Lock();
        var errors = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(SendAsync(due));
        }

        await Task.WhenAll(inFlight);
        return LoadResult.From(name, latencies, errors, clock.Elapsed.TotalSeconds);

        async Task SendAsync(TimeSpan due)
        {
            using var request = next();
            if (!await SucceedsAsync(http, request))
            {
                Interlocked.Increment(ref errors);
            }

            var latency = (clock.Elapsed - due).TotalMilliseconds;
            lock (gate)
            {
                latencies.Add(latency);
            }
        }
    }

    /// <summary>
    /// Sends one request; only 202 is a success. A refused connection or a request past the client's timeout is an
    /// error of the run, not a crash of the benchmark. Either way the caller records how long the request took, so a
    /// failure that took the whole timeout shows in the percentiles too, not only in the error count.
    /// </summary>
    private static async Task<bool> SucceedsAsync(HttpClient http, HttpRequestMessage request)
    {
        try
        {
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode == 202;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
