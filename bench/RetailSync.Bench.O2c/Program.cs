// Order-to-cash throughput against the Odoo sandbox with 20 ms latency on every Odoo call: orders per second from
// the first webhook to paid, shipped and invoiced, p50/p99 from an order's first webhook to its sale order confirmed
// in Odoo, Odoo round trips per order, and the measured rate as a share of the bound the Odoo client's concurrency
// limit allows (limit / (round trips x latency)). Usage: dotnet run -c Release -- [orders] (default 120).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetailSync.Demo;
using RetailSync.Demo.Scenarios;
using RetailSync.Demo.TradingDay;
using RetailSync.Odoo;
using RetailSync.OrderToCash;
using RetailSync.Sandbox.Odoo;

var orderCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 120;
var connection = Environment.GetEnvironmentVariable("RETAILSYNC_STORAGE_CONNECTION_STRING");
if (string.IsNullOrWhiteSpace(connection))
{
    Console.Error.WriteLine("RETAILSYNC_STORAGE_CONNECTION_STRING is not set; run ./build.sh bench o2c (it starts Azurite).");
    return 2;
}

var latency = TimeSpan.FromMilliseconds(20);
await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Products = TradingDayDemo.StockedCatalogue() });
sandbox.Faults.Latency = latency;

// Plain orders only (no cancellations, no SKU waiting for an operator): every one ends paid, shipped and invoiced.
var orders = TradingDayPlan.Build(new DemoContext(TimeProvider.System), orderCount * 2)
    .Where(o => !o.Cancelled && o.UnknownSkus.Count == 0)
    .Take(orderCount)
    .ToList();
var settings = new Dictionary<string, string?>(TradingDayDemo.WorkflowSettings);
foreach (var (key, value) in TradingDayDemo.SandboxSettings(sandbox))
{
    settings[key] = value;
}

await using var host = await DemoHost.StartAsync(connection, "bench-o2c-events", settings, preferredPort: 0);
var maxConcurrency = host.Services.GetRequiredService<IOptions<OdooClientOptions>>().Value.MaxConcurrency;

var firstSent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
var confirmed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
var completed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
using var listener = new ActivityListener
{
    ShouldListenTo = source => source.Name == "RetailSync.Workflows.Embedded",
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    ActivityStopped = activity =>
    {
        if (activity.GetTagItem("workflow.instance_id") is not string instance)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (activity.OperationName == "workflow.activity" && activity.GetTagItem("workflow.activity") as string == OrderToCashNames.ConfirmSaleOrderActivity && activity.Status != ActivityStatusCode.Error)
        {
            confirmed.TryAdd(instance, now);
        }
        else if (activity.OperationName == "workflow.episode" && activity.GetTagItem("workflow.status") as string == "Completed")
        {
            completed.TryAdd(instance, now);
        }
    },
};
ActivitySource.AddActivityListener(listener);

var problems = new ConcurrentQueue<string>();
long callsWhenSettled = 0;
var before = sandbox.CallCount;
var result = await TradingDayRunner.RunAsync(
    host, orders, TimeSpan.FromMinutes(10), problems, CancellationToken.None,
    orderSending: order => firstSent.TryAdd(order.InstanceId, Stopwatch.GetTimestamp()),
    workflowsSettled: () => callsWhenSettled = sandbox.CallCount);

var start = firstSent.Values.Min();
var end = orders.Select(o => completed.TryGetValue(o.InstanceId, out var t) ? t : long.MinValue).Max();
var seconds = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
var done = orders.Count(o => completed.ContainsKey(o.InstanceId));
var ordersPerSecond = done / seconds;
var roundTrips = (double)(callsWhenSettled - before) / orders.Count;
var bound = maxConcurrency / (roundTrips * latency.TotalSeconds);
var toConfirm = orders.Where(o => confirmed.ContainsKey(o.InstanceId))
    .Select(o => Stopwatch.GetElapsedTime(firstSent[o.InstanceId], confirmed[o.InstanceId]).TotalMilliseconds)
    .Order()
    .ToArray();
double Percentile(double p) => toConfirm.Length == 0 ? double.NaN : toConfirm[Math.Clamp((int)Math.Ceiling(p * toConfirm.Length) - 1, 0, toConfirm.Length - 1)];

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"orders                      {orders.Count} ({done} completed, {result.Mismatches} mismatches, {problems.Count} problems)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Odoo latency per call       {latency.TotalMilliseconds} ms, client concurrency limit {maxConcurrency}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"webhook -> completed        {seconds:0.00} s, {ordersPerSecond:0.00} orders/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Odoo round trips per order  {roundTrips:0.0} (whole flow: order, confirm, delivery, invoice, payment)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bound                       {bound:0.00} orders/s = {maxConcurrency} / ({roundTrips:0.0} x {latency.TotalMilliseconds} ms); measured/bound {ordersPerSecond / bound:0.00}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"webhook -> confirmed        p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms"));
foreach (var problem in problems.Take(10))
{
    Console.WriteLine("problem: " + problem);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT o2c orders_per_s={ordersPerSecond:0.00} bound_ratio={ordersPerSecond / bound:0.00} round_trips={roundTrips:0.0} p99_confirm_ms={Percentile(0.99):0} p50_confirm_ms={Percentile(0.50):0} orders={orders.Count} completed={done} mismatches={result.Mismatches}"));
return done == orders.Count && result.Mismatches == 0 && problems.IsEmpty ? 0 : 1;
