using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using RetailSync.Ingestion;
using RetailSync.Ingestion.Normalisation;
using RetailSync.Ingestion.Signing;
using RetailSync.Ingestion.Telemetry;
using RetailSync.Ingestion.Verification;
using RetailSync.Messaging;
using RetailSync.Secrets;

namespace RetailSync.Bench.Ingest;

/// <summary>
/// Per-delivery CPU cost inside the process, with a careful Stopwatch loop (warm-up, then the median of
/// several batches): the whole handler (verify + parse + normalise + CloudEvent serialisation, queue write
/// stubbed out) beside the floor of HMAC-SHA256 + JSON parse of the same body; and the size of the queue message
/// one delivery becomes.
/// </summary>
internal static class InProcessCost
{
    private sealed class NullQueue : IEventQueue
    {
        public Task SendAsync(IReadOnlyList<EventMessage> messages, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    public static (double CostUs, double FloorUs, int MessageBytes) Measure()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Webhooks:Shopify:Shops:{ShopifyLoad.Shop}:Secrets:0"] = ShopifyLoad.Secret,
        }).Build();
        var secrets = new ConfigurationSecretStore(configuration);
        using var telemetry = new IngestionTelemetry();
        var handler = new WebhookHandler(
            [new ShopifyVerifier(secrets)],
            [new ShopifyNormaliser()],
            new NullQueue(),
            new IngestionOptions { RecentEventIds = 0 },
            TimeProvider.System,
            telemetry);

        var body = ShopifyLoad.Body(42);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Shopify-Topic"] = "orders/create",
            ["X-Shopify-Shop-Domain"] = ShopifyLoad.Shop,
            ["X-Shopify-Webhook-Id"] = "bench-inproc",
            ["X-Shopify-Hmac-Sha256"] = WebhookSigner.BodyHmacBase64(ShopifyLoad.Secret, body),
        };
        var key = Encoding.UTF8.GetBytes(ShopifyLoad.Secret);

        double Handler()
        {
            var response = handler.HandleAsync(new WebhookRequest("shopify", headers, "application/json", new MemoryStream(body, writable: false), body.Length)).GetAwaiter().GetResult();
            return response.StatusCode;
        }

        double Floor()
        {
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(key, body, mac);
            using var document = JsonDocument.Parse(body);
            return mac[0] + (int)document.RootElement.ValueKind;
        }

        var delivery = new WebhookDelivery("shopify", headers, body, DateTimeOffset.UtcNow);
        var normaliser = new ShopifyNormaliser();
        double Normalise()
        {
            using var document = JsonDocument.Parse(body);
            return normaliser.Normalise(delivery, document.RootElement).Events.Count;
        }

        using var doc0 = JsonDocument.Parse(body);
        var normalised = normaliser.Normalise(delivery, doc0.RootElement);
        double Encode()
        {
            var ce = RetailSync.Ingestion.CloudEvents.RetailCloudEvents.Create("shopify", normalised, normalised.Events[0], "c", RetailSync.Ingestion.CloudEvents.RawBody.Encode(body), null, null);
            return RetailSync.Ingestion.CloudEvents.RetailCloudEvents.ToMessage(ce, "c").Body.Length;
        }

        double DataOnly() => JsonSerializer.SerializeToUtf8Bytes(normalised.Events[0].Data, RetailSync.Events.RetailEventJson.Options).Length;
        double RawBodyOnly() => RetailSync.Ingestion.CloudEvents.RawBody.Encode(body).Base64.Length;
        double Verify() => new ShopifyVerifier(secrets).VerifyAsync(delivery).AsTask().GetAwaiter().GetResult().IsValid ? 1 : 0;
        if (Environment.GetEnvironmentVariable("BENCH_BREAKDOWN") == "1")
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"breakdown: verify {MicrosecondsPerCall(Verify):F1} us, parse+normalise {MicrosecondsPerCall(Normalise):F1} us, cloudevent {MicrosecondsPerCall(Encode):F1} us (data alone {MicrosecondsPerCall(DataOnly):F1} us, raw body gzip+base64 {MicrosecondsPerCall(RawBodyOnly):F1} us)"));
        }

        return (MicrosecondsPerCall(Handler), MicrosecondsPerCall(Floor), (int)Encode());
    }

    private static double MicrosecondsPerCall(Func<double> action)
    {
        const int batch = 2_000;
        double sink = 0;
        for (var i = 0; i < 3_000; i++)
        {
            sink += action();
        }

        var samples = new List<double>();
        for (var b = 0; b < 7; b++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++)
            {
                sink += action();
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / batch);
        }

        GC.KeepAlive(sink);
        samples.Sort();
        return samples[samples.Count / 2];
    }
}
