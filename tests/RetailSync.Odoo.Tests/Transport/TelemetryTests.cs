using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace RetailSync.Odoo.Tests.Transport;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Each_call_is_traced_and_its_latency_measured_by_model_and_method()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OdooDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var durations = new ConcurrentQueue<(double Seconds, string? Model, string? Method)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OdooDiagnostics.SourceName && instrument.Name == OdooDiagnostics.CallDuration)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? model = null, method = null;
            foreach (var tag in tags)
            {
                model = tag.Key == "odoo.model" ? (string?)tag.Value : model;
                method = tag.Key == "odoo.method" ? (string?)tag.Value : method;
            }

            durations.Enqueue((value, model, method));
        });
        meters.Start();
        var marker = "telemetry-" + Guid.NewGuid().ToString("N");
        var handler = StubOdoo.JsonRpc(r => Task.FromResult(StubOdooHandler.RpcResult(r, "[]")));
        await using var provider = StubOdoo.Create(handler);

        await provider.GetRequiredService<OdooClient>().SearchReadAsync(marker, [], ["id"]);

        var span = Assert.Single(spans, a => (string?)a.GetTagItem("odoo.model") == marker);
        Assert.Equal($"odoo {marker}.search_read", span.DisplayName);
        Assert.Equal("search_read", span.GetTagItem("odoo.method"));
        Assert.Equal("ok", span.GetTagItem("outcome"));
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Single(durations, d => d.Model == marker && d.Method == "search_read" && d.Seconds >= 0);
    }
}
