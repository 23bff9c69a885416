using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Bench.Workflows;
using RetailSync.Testing;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.Client;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.Embedded.Runtime;
using RetailSync.Workflows.Embedded.Storage.AzureStorage;
using RetailSync.Workflows.Embedded.Telemetry;
using RetailSync.Workflows.Registration;

// Load harness: N instances of a five-activity sequential workflow on the Azurite-backed embedded runtime.
// Uses RETAILSYNC_STORAGE_CONNECTION_STRING (./build.sh bench workflows sets it) or starts a private Azurite.
var instances = int.TryParse(Environment.GetEnvironmentVariable("BENCH_INSTANCES"), CultureInfo.InvariantCulture, out var n) ? n : 1000;
const int ActivitiesPerInstance = 5;
var inv = CultureInfo.InvariantCulture;

await using var azurite = await AzuriteInstance.StartAsync();
var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
var options = new EmbeddedWorkflowOptions
{
    TaskHub = hub,
    MaxActivitiesInFlight = 32,
    MaxOrchestrationsInFlight = 32,
    MaxQueuePollingInterval = TimeSpan.FromMilliseconds(50),
};
var store = new AzureStorageWorkflowStore(azurite.ConnectionString, hub, options.MaxQueuePollingInterval);
var registry = new WorkflowRegistry().AddOrchestrator<FiveStepWorkflow>(nameof(FiveStepWorkflow)).AddActivity<NoOpActivity>(nameof(NoOpActivity));
await using var services = new ServiceCollection().BuildServiceProvider();
var runtime = new EmbeddedWorkflowRuntime(store, registry, services, options, TimeProvider.System);
var client = new EmbeddedOrchestrationClient(store, TimeProvider.System);

// Storage time vs. worker time, from the runtime's own histograms.
double storageMs = 0, receiveMs = 0, deleteMs = 0, episodeMs = 0, activityMs = 0;
long storageCalls = 0;
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) =>
{
    if (instrument.Meter.Name == WorkflowTelemetry.Name)
    {
        l.EnableMeasurementEvents(instrument);
    }
};
listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
{
    switch (instrument.Name)
    {
        case "retailsync.workflows.storage.duration":
            Interlocked.Increment(ref storageCalls);
            var operation = tags.ToArray().FirstOrDefault(t => t.Key == "operation").Value as string;
            if (operation == "queue.receive")
            {
                InterlockedAdd(ref receiveMs, value); // includes polling of idle queues: reported apart
            }
            else
            {
                InterlockedAdd(ref storageMs, value);
                if (operation == "queue.delete")
                {
                    InterlockedAdd(ref deleteMs, value);
                }
            }

            break;
        case "retailsync.workflows.episode.duration":
            InterlockedAdd(ref episodeMs, value);
            break;
        case "retailsync.workflows.activity.duration":
            InterlockedAdd(ref activityMs, value);
            break;
    }
});
listener.Start();

await store.InitializeAsync();
Console.WriteLine($"workflows benchmark: {instances} instances x {ActivitiesPerInstance} sequential no-op activities, Azure Storage (Azurite), " +
                  $"{options.MaxOrchestrationsInFlight} orchestrations / {options.MaxActivitiesInFlight} activities in flight, one process");
await runtime.StartAsync();
var wall = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    await client.ScheduleNewOrchestrationInstanceAsync(nameof(FiveStepWorkflow), i, new StartOrchestrationOptions($"bench-{i:D5}"), ct));
var scheduled = wall.Elapsed;

// Wait with point reads, one instance after the other (cheap; a query would scan every partition).
var finished = new List<OrchestrationMetadata>();
using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
{
    for (var i = 0; i < instances; i++)
    {
        finished.Add(await client.WaitForInstanceCompletionAsync($"bench-{i:D5}", false, deadline.Token));
    }
}

wall.Stop();
await runtime.StopAsync();
listener.Dispose();

var failed = finished.Count(m => m.RuntimeStatus != OrchestrationRuntimeStatus.Completed);
var latencies = finished.Select(m => (m.LastUpdatedAt - m.CreatedAt).TotalMilliseconds).Order().ToArray();
double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)];
var seconds = wall.Elapsed.TotalSeconds;
var instancesPerSecond = instances / seconds;
var activitiesPerSecond = instances * ActivitiesPerInstance / seconds;
// Share of the work spent waiting on storage: storage-call latency against that latency plus the CPU time the
// process used for everything else (replay, serialisation, activities); queue receives (idle polls) excluded.
var cpuMs = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
var storageShare = 100 * storageMs / Math.Max(1, storageMs + cpuMs);

Console.WriteLine($"scheduled {instances} in {scheduled.TotalSeconds.ToString("F1", inv)} s; all finished in {seconds.ToString("F1", inv)} s ({failed} not completed)");
Console.WriteLine($"instances/s        {instancesPerSecond.ToString("F1", inv)}");
Console.WriteLine($"activities/s       {activitiesPerSecond.ToString("F1", inv)}");
Console.WriteLine($"instance latency   p50 {Percentile(0.50).ToString("F0", inv)} ms, p99 {Percentile(0.99).ToString("F0", inv)} ms (created -> completed)");
Console.WriteLine($"storage calls      {storageCalls} calls; {(storageMs / 1000).ToString("F1", inv)} s in table/queue calls, {(receiveMs / 1000).ToString("F1", inv)} s in queue receives (incl. idle polls)");
Console.WriteLine($"storage share      {storageShare.ToString("F0", inv)}% of the work waiting on storage calls, {(100 - storageShare).ToString("F0", inv)}% CPU in the process ({(cpuMs / 1000).ToString("F1", inv)} s CPU)");
Console.WriteLine("context            Durable Functions' Azure Storage provider publishes ~5 sequential activities/s per instance and ~100 fan-out activities/s per worker");
Console.WriteLine(string.Create(inv, $"RESULT workflows instances_per_s={instancesPerSecond:F1} activities_per_s={activitiesPerSecond:F1} p99_ms={Percentile(0.99):F0}"));
return failed == 0 ? 0 : 1;

static void InterlockedAdd(ref double target, double value)
{
    double seen, updated;
    do
    {
        seen = Volatile.Read(ref target);
        updated = seen + value;
    }
    while (Interlocked.CompareExchange(ref target, updated, seen) != seen);
}
