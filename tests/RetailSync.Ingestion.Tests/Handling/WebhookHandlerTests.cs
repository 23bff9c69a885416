using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;
using RetailSync.Messaging;

namespace RetailSync.Ingestion.Tests.Handling;

public sealed class WebhookHandlerTests
{
    private static readonly string Order = TestHarness.Fixture("shopify/orders-create.json");

    private static void AssertProblem(WebhookResponse response, int status, string reason, string? field = null)
    {
        var body = Encoding.UTF8.GetString(response.Body.Span);
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.ContentType);
        var json = TestHarness.BodyJson(response);
        Assert.Equal(reason, json.GetProperty("reason").GetString());
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.Equal(field, json.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Accepted_delivery_answers_202_with_the_event_ids_it_enqueued()
    {
        var harness = new TestHarness();
        var response = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(WebhookOutcome.Accepted, response.Outcome);
        var ids = TestHarness.BodyJson(response).GetProperty("eventIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(harness.Queue.Messages.Select(m => m.MessageId).ToArray(), ids);
        Assert.Equal(response.EventIds, ids);
    }

    [Fact]
    public async Task Redelivered_webhook_gets_the_same_event_ids_without_a_second_write()
    {
        var harness = new TestHarness();
        var first = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order));
        var second = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order));

        Assert.Equal(first.EventIds, second.EventIds);
        Assert.Equal(WebhookOutcome.Duplicate, second.Outcome);
        Assert.Equal(202, second.StatusCode);
        Assert.Equal(1, harness.Queue.SentCount);
    }

    [Fact]
    public async Task Redelivery_to_another_instance_enqueues_again_with_identical_ids()
    {
        var one = new TestHarness();
        var other = new TestHarness();
        var first = await one.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order));
        var second = await other.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order));

        Assert.Equal(first.EventIds, second.EventIds);
        Assert.Equal(one.Queue.Messages[0].MessageId, other.Queue.Messages[0].MessageId);
    }

    [Fact]
    public async Task Different_events_of_the_same_order_get_different_ids()
    {
        var harness = new TestHarness();
        var created = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order, webhookId: "w1"));
        var updated = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/updated", Order, webhookId: "w2"));
        Assert.NotEqual(created.EventIds[0], updated.EventIds[0]);
    }

    [Fact]
    public async Task Cloud_event_carries_subject_extensions_trace_context_and_the_raw_body()
    {
        var harness = new TestHarness();
        var request = TestHarness.Shopify("orders/create", Order);
        var traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        ((Dictionary<string, string>)request.Headers)["traceparent"] = traceParent;

        await harness.Handler.HandleAsync(request);

        var message = Assert.Single(harness.Queue.Messages);
        var cloudEvent = RetailCloudEvents.Parse(message.Body);
        Assert.Equal("1.0", JsonDocument.Parse(message.Body).RootElement.GetProperty("specversion").GetString());
        Assert.Equal(cloudEvent.Subject, message.SessionId);
        Assert.Equal("shopify", cloudEvent[RetailEventAttributes.Channel]);
        Assert.Equal("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", cloudEvent[RetailEventAttributes.DeliveryId]);
        Assert.Equal("evt-b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", cloudEvent[RetailEventAttributes.SourceEventId]);
        Assert.Equal("orders/create", cloudEvent[RetailEventAttributes.SourceTopic]);
        Assert.Equal("shopify/b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", cloudEvent[RetailEventAttributes.CorrelationId]);
        Assert.Equal(cloudEvent.Subject, cloudEvent[RetailEventAttributes.OrderKey]);
        Assert.Equal(Order, Encoding.UTF8.GetString(RawBody.From(cloudEvent)!.Decode()));
        var eventTrace = (string)cloudEvent[RetailEventAttributes.TraceParent]!;
        Assert.Contains("0af7651916cd43dd8448eb211c80319c", eventTrace, StringComparison.Ordinal);
        Assert.True(BusinessKey.TryParseSubject(cloudEvent.Subject, out var key));
        Assert.Equal(("order", "shopify", "acme.myshopify.com/820982911946154508"), (key.Kind, key.Channel, key.Key));
    }

    [Fact]
    public async Task Unknown_topic_is_acknowledged_and_not_enqueued()
    {
        var harness = new TestHarness();
        var response = await harness.Handler.HandleAsync(TestHarness.Shopify("products/update", "{\"id\":1}"));
        Assert.Equal(202, response.StatusCode);
        Assert.Equal(WebhookOutcome.Ignored, response.Outcome);
        Assert.Equal("ignored", TestHarness.BodyJson(response).GetProperty("status").GetString());
        Assert.Empty(harness.Queue.Messages);
    }

    [Fact]
    public async Task Tampered_body_is_refused_with_401()
    {
        var harness = new TestHarness();
        var good = TestHarness.Shopify("orders/create", Order);
        var tampered = Encoding.UTF8.GetBytes(Order.Replace("403.00", "4.03", StringComparison.Ordinal));
        var response = await harness.Handler.HandleAsync(TestHarness.Request("shopify", tampered, "application/json", (Dictionary<string, string>)good.Headers));
        AssertProblem(response, 401, "bad_signature");
        Assert.Empty(harness.Queue.Messages);
    }

    [Fact]
    public async Task Wrong_secret_and_missing_signature_are_refused_with_401()
    {
        var harness = new TestHarness();
        AssertProblem(await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order, secret: "guessed")), 401, "bad_signature");
        AssertProblem(await harness.Handler.HandleAsync(TestHarness.Loop("{}", secret: "guessed")), 401, "bad_signature");
        AssertProblem(await harness.Handler.HandleAsync(harness.Stripe("{}", secret: "whsec_guessed")), 401, "bad_signature");
        AssertProblem(await harness.Handler.HandleAsync(TestHarness.Request("pos", "{}"u8.ToArray(), "application/json", [])), 401, "missing_signature");
    }

    [Fact]
    public async Task Stale_and_future_timestamps_are_refused_with_401()
    {
        var harness = new TestHarness();
        var now = harness.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = TestHarness.Fixture("warehouse/stock.adjusted.json");
        AssertProblem(await harness.Handler.HandleAsync(harness.StandardWebhooks("warehouse", body, timestamp: now - 600)), 401, "timestamp_out_of_tolerance");
        AssertProblem(await harness.Handler.HandleAsync(harness.StandardWebhooks("warehouse", body, timestamp: now + 600)), 401, "timestamp_out_of_tolerance");
        AssertProblem(await harness.Handler.HandleAsync(harness.Stripe(TestHarness.Fixture("stripe/payout.paid.json"), timestamp: now - 301)), 401, "timestamp_out_of_tolerance");
    }

    [Fact]
    public async Task Source_without_configured_secret_refuses_signed_deliveries()
    {
        var harness = new TestHarness(extraConfig: new() { ["Webhooks:Loop:Secrets"] = null });
        AssertProblem(await harness.Handler.HandleAsync(TestHarness.Loop(TestHarness.Fixture("loop/return-created.json"))), 401, "no_secret");
    }

    [Fact]
    public async Task Truncated_json_is_refused_with_400_problem()
    {
        var harness = new TestHarness();
        AssertProblem(await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order[..(Order.Length / 2)])), 400, "malformed_json");
    }

    [Theory]
    [InlineData("\"quantity\": 1,", "\"quantity\": \"one\",", "line_items[0].quantity")]
    [InlineData("\"currency\": \"USD\",", "\"currency\": 840,", "currency")]
    [InlineData("\"total_price\": \"403.00\",", "", "total_price")]
    [InlineData("\"price\": \"199.00\",", "\"price\": \"abc\",", "line_items[0].price")]
    [InlineData("\"quantity\": 1,", "\"quantity\": -1,", "line_items[0].quantity")]
    public async Task Payload_that_breaks_the_schema_is_refused_with_400_naming_the_field(string original, string replacement, string field)
    {
        var harness = new TestHarness();
        var index = Order.IndexOf(original, StringComparison.Ordinal);
        var broken = Order[..index] + replacement + Order[(index + original.Length)..];
        AssertProblem(await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", broken)), 400, "schema", field);
        Assert.Empty(harness.Queue.Messages);
    }

    [Fact]
    public async Task Warehouse_return_with_unknown_disposition_is_refused_naming_the_field()
    {
        var harness = new TestHarness();
        var body = TestHarness.Fixture("warehouse/return.received.json").Replace("\"vendor_return\"", "\"landfill\"", StringComparison.Ordinal);
        AssertProblem(await harness.Handler.HandleAsync(harness.StandardWebhooks("warehouse", body)), 400, "schema", "data.lines[1].disposition");
    }

    [Fact]
    public async Task Unanticipated_payload_shape_is_refused_with_400_instead_of_crashing()
    {
        var harness = new TestHarness();
        var body = TestHarness.Fixture("stripe/payment_intent.succeeded.json").Replace("[ \"card\" ]", "[ 42 ]", StringComparison.Ordinal);
        Assert.Contains("[ 42 ]", body, StringComparison.Ordinal);
        AssertProblem(await harness.Handler.HandleAsync(harness.Stripe(body)), 400, "schema");
        Assert.Empty(harness.Queue.Messages);
    }

    [Fact]
    public async Task Missing_shopify_topic_header_is_refused_naming_the_header()
    {
        var harness = new TestHarness();
        var request = TestHarness.Shopify("orders/create", Order);
        ((Dictionary<string, string>)request.Headers).Remove("X-Shopify-Topic");
        AssertProblem(await harness.Handler.HandleAsync(request), 400, "schema", "header X-Shopify-Topic");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Wrong_content_type_is_refused_with_415(string? contentType)
    {
        var harness = new TestHarness();
        var request = TestHarness.Shopify("orders/create", Order) with { ContentType = contentType };
        AssertProblem(await harness.Handler.HandleAsync(request), 415, "unsupported_media_type");
    }

    [Fact]
    public async Task Declared_oversized_body_is_refused_with_413_before_reading()
    {
        var harness = new TestHarness(maxBodyBytes: 1024);
        var request = TestHarness.Shopify("orders/create", Order);
        AssertProblem(await harness.Handler.HandleAsync(request), 413, "too_large");
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task Oversized_body_without_content_length_is_refused_with_413_while_reading()
    {
        var harness = new TestHarness(maxBodyBytes: 64 * 1024);
        var stream = new CountingStream(10 * 1024 * 1024);
        var request = new WebhookRequest("shopify", new Dictionary<string, string> { ["X-Shopify-Topic"] = "orders/create" }, "application/json", stream);
        AssertProblem(await harness.Handler.HandleAsync(request), 413, "too_large");
        Assert.True(stream.BytesRead < 1024 * 1024, $"read {stream.BytesRead} bytes of a 10 MiB body");
    }

    [Fact]
    public async Task Unknown_source_is_refused_with_404()
    {
        var harness = new TestHarness();
        AssertProblem(await harness.Handler.HandleAsync(TestHarness.Request("paypal", "{}"u8.ToArray(), "application/json", [])), 404, "unknown_source");
    }

    [Fact]
    public async Task Queue_failure_answers_503_and_a_retry_is_accepted_with_the_same_ids()
    {
        var queue = new FlakyQueue();
        var harness = new TestHarness(queue: queue);
        var failed = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order));
        var retried = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order));

        Assert.Equal(503, failed.StatusCode);
        Assert.Equal(WebhookOutcome.Failed, failed.Outcome);
        Assert.Equal(WebhookOutcome.Accepted, retried.Outcome);
        Assert.Single(queue.Inner.Messages);
    }

    [Fact]
    public async Task Delivery_span_is_recorded_with_source_and_topic()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "RetailSync.Ingestion",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var harness = new TestHarness();

        var response = await harness.Handler.HandleAsync(TestHarness.Shopify("orders/create", Order, webhookId: "span-test"));

        Activity span;
        lock (activities)
        {
            span = Assert.Single(activities, a => (string?)a.GetTagItem("retailsync.delivery_id") == "span-test");
        }

        Assert.Equal("shopify", span.GetTagItem("retailsync.source"));
        Assert.Equal("orders/create", span.GetTagItem("retailsync.topic"));
        var eventTrace = (string)RetailCloudEvents.Parse(harness.Queue.Messages[0].Body)[RetailEventAttributes.TraceParent]!;
        Assert.Equal(span.Id, eventTrace);
        Assert.Equal(202, response.StatusCode);
    }

    private sealed class FlakyQueue : IEventQueue
    {
        private int _calls;

        public InMemoryEventQueue Inner { get; } = new();

        public Task SendAsync(IReadOnlyList<EventMessage> messages, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new IOException("queue down") : Inner.SendAsync(messages, cancellationToken);
    }

    /// <summary>An endless JSON-ish body that counts what was read from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
