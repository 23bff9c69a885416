using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Ledgers.Events;
using RetailSync.Messaging;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Dispatching;

[Collection(AzuriteCollection.Name)]
public sealed class PoisonAndMalformedTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";
    private const string OrderInstance = "order:shopify:acme.myshopify.com/1001";

    [Fact]
    public async Task Event_failing_every_attempt_is_retried_with_backoff_then_dead_lettered_with_an_exception_record()
    {
        using var harness = new DispatchHarness(azurite);
        harness.Client.BeforeRaise = (_, _) => Task.FromException(new InvalidOperationException("history store rejected the event"));
        var message = TestEvents.Message("evt-poison", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_1", orderKey: Order);

        var outcomes = new List<DispatchOutcome>();
        for (var delivery = 1; delivery <= 5; delivery++)
        {
            outcomes.Add(await harness.DispatchAsync(message, delivery));
        }

        Assert.All(outcomes.Take(4), o => Assert.Equal(DispatchOutcomeKind.RetryLater, o.Kind));
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)],
            outcomes.Take(4).Select(o => o.Delay));
        Assert.Equal(DispatchOutcomeKind.DeadLetter, outcomes[4].Kind);
        Assert.Equal(DispatchExceptionKinds.DeadLettered, outcomes[4].Reason);
        Assert.Contains("history store rejected the event", outcomes[4].Description, StringComparison.Ordinal);

        var record = Assert.Single(await harness.OpenExceptionsAsync());
        Assert.Equal((DispatchExceptionKinds.DeadLettered, "evt-poison", OrderInstance), (record.Kind, record.EventId, record.InstanceId));
        Assert.Contains("history store rejected the event", record.Reason, StringComparison.Ordinal);
        Assert.Equal(EventLedgerState.DeadLettered, (await harness.Events.GetAsync("evt-poison"))!.State);
        Assert.Empty(harness.Client.Raised);

        // Replayed from the dead-letter queue once the runtime is healthy: raised, once.
        harness.Client.BeforeRaise = null;
        Assert.Equal(DispatchOutcome.Completed("dispatched"), await harness.DispatchAsync(message, 1));
        Assert.Equal(OrderInstance, Assert.Single(harness.Client.Raised).InstanceId);
    }

    [Fact]
    public async Task Max_attempts_is_configurable()
    {
        using var harness = new DispatchHarness(azurite, o => o.MaxAttempts = 2);
        harness.Client.BeforeRaise = (_, _) => Task.FromException(new TimeoutException("slow"));
        var message = TestEvents.Message("evt-2tries", RetailEventTypes.OrderPlaced, Order);

        Assert.Equal(DispatchOutcomeKind.RetryLater, (await harness.DispatchAsync(message, 1)).Kind);
        Assert.Equal(DispatchOutcomeKind.DeadLetter, (await harness.DispatchAsync(message, 2)).Kind);
    }

    [Fact]
    public async Task Message_delivered_more_often_than_allowed_without_settling_is_dead_lettered_unprocessed()
    {
        using var harness = new DispatchHarness(azurite);

        var outcome = await harness.DispatchAsync(TestEvents.Message("evt-crashy", RetailEventTypes.OrderPlaced, Order), deliveryCount: 6);

        Assert.Equal(DispatchOutcomeKind.DeadLetter, outcome.Kind);
        Assert.Empty(harness.Client.Raised);
        Assert.Equal("evt-crashy", Assert.Single(await harness.OpenExceptionsAsync()).EventId);
    }

    [Fact]
    public async Task Message_delivered_more_often_than_allowed_after_it_was_handled_is_completed_as_a_duplicate()
    {
        using var harness = new DispatchHarness(azurite);
        var message = TestEvents.Message("evt-done", RetailEventTypes.OrderPlaced, Order);
        await harness.DispatchAsync(message);

        Assert.Equal(DispatchOutcome.Completed("duplicate"), await harness.DispatchAsync(message, deliveryCount: 9));
        Assert.Empty(await harness.OpenExceptionsAsync());
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "not json at all", "not a structured-mode JSON CloudEvent" },
        { "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"urn:a\",\"type\":\"retail.order.placed\"", "not a structured-mode JSON CloudEvent" },
        { """{"specversion":"1.0","id":"x","source":"urn:a","type":"retail.order.placed"}""", "subject" },
        { """{"specversion":"1.0","id":"x","source":"urn:a","type":"retail.order.placed","subject":"order-1001"}""", "subject 'order-1001'" },
        { """{"specversion":"1.0","id":"x","source":"urn:a","type":"retail.payment.captured","subject":"payment/stripe/pi_1","orderkey":"1001"}""", "'orderkey'" },
        { """{"specversion":"1.0","id":"x","source":"urn:a","type":"retail.order.updated","subject":"order/shopify/a/1","sourceversion":"yesterday"}""", "'sourceversion'" },
        { """{"specversion":"0.3","id":"x","source":"urn:a","type":"retail.order.placed","subject":"order/shopify/a/1"}""", "not a structured-mode JSON CloudEvent" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_event_is_dead_lettered_at_once_with_a_reason_and_an_exception_record(string body, string expectedReason)
    {
        using var harness = new DispatchHarness(azurite);

        var outcome = await harness.DispatchAsync(TestEvents.Raw("msg-bad", body));

        Assert.Equal(DispatchOutcomeKind.DeadLetter, outcome.Kind);
        Assert.Equal(DispatchExceptionKinds.MalformedEvent, outcome.Reason);
        Assert.Contains(expectedReason, outcome.Description, StringComparison.Ordinal);
        var record = Assert.Single(await harness.OpenExceptionsAsync());
        Assert.Equal((DispatchExceptionKinds.MalformedEvent, "msg-bad"), (record.Kind, record.EventId));
        Assert.Contains(expectedReason, record.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Client.Raised);
    }

    [Fact]
    public async Task Binary_garbage_is_dead_lettered_not_thrown()
    {
        using var harness = new DispatchHarness(azurite);
        var message = new EventMessage("msg-bin", null, "application/octet-stream", new byte[] { 0xff, 0xfe, 0x00, 0x01 });

        var outcome = await harness.Dispatcher.DispatchAsync(TestEvents.Received(message));

        Assert.Equal(DispatchOutcomeKind.DeadLetter, outcome.Kind);
        Assert.Equal("msg-bin", Assert.Single(await harness.OpenExceptionsAsync()).EventId);
        Assert.Equal("malformed", Assert.Single(await harness.Audit.ListAsync("msg-bin")).Action);
    }
}
