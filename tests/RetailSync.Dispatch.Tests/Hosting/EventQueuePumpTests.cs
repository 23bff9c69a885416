using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RetailSync.Dispatch.Hosting;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class EventQueuePumpTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";

    private static EventQueuePump Pump(DispatchHarness harness, InMemoryEventQueue queue) => new(
        queue, harness.Dispatcher, Options.Create(harness.DispatchOptions), TimeProvider.System, NullLogger<EventQueuePump>.Instance);

    private static void Fast(DispatchOptions o)
    {
        o.IdleDelay = TimeSpan.FromMilliseconds(10);
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        o.RetryMaxDelay = TimeSpan.FromMilliseconds(100);

        // A copy that finds its twin in flight retries when the twin's lease ends.
        o.ClaimLease = TimeSpan.FromMilliseconds(50);
    }

    [Fact]
    public async Task Pump_completes_handled_messages_abandons_failed_ones_and_dead_letters_malformed_ones()
    {
        using var harness = new DispatchHarness(azurite, Fast);
        var queue = new InMemoryEventQueue(TimeProvider.System);
        var flakyFailures = 1;
        harness.Client.BeforeRaise = (instance, _) => instance == "order:pos:store-1/9" && Interlocked.Decrement(ref flakyFailures) >= 0
            ? Task.FromException(new TimeoutException("runtime busy"))
            : Task.CompletedTask;
        var placed = TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order);
        queue.Send(
            placed,
            placed, // a second copy of the same delivery
            TestEvents.Raw("msg-garbage", "{ nope"),
            TestEvents.Message("evt-flaky", RetailEventTypes.OrderPlaced, "order/pos/store-1/9"),
            TestEvents.Message("evt-early-payment", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_9"));
        var pump = Pump(harness, queue);

        await pump.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => queue.Pending == 0, "every message is settled");
        await pump.StopAsync(CancellationToken.None);

        Assert.Equal(4, queue.Completed.Count);
        var dead = Assert.Single(queue.DeadLettered);
        Assert.Equal(("msg-garbage", DispatchExceptionKinds.MalformedEvent), (dead.Message.MessageId, dead.Reason));
        Assert.Contains(queue.Abandoned, a => a.MessageId == "evt-flaky" && a.Delay == TimeSpan.FromMilliseconds(20));
        Assert.Equal(2, queue.Completed.Count(m => m.MessageId == "evt-placed"));
        Assert.Equal(["evt-flaky", "evt-placed"], harness.Client.Raised.Select(r => r.Payload.EventId).Order());
    }

    [Fact]
    public async Task Pump_never_dispatches_more_messages_at_once_than_configured()
    {
        using var harness = new DispatchHarness(azurite, o =>
        {
            Fast(o);
            o.Concurrency = 2;
        });
        var queue = new InMemoryEventQueue(TimeProvider.System);
        var current = 0;
        var max = 0;
        var twoInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Client.BeforeRaise = async (_, _) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref max, now);
            if (now == 2)
            {
                twoInside.TrySetResult();
            }

            await open.Task;
            Interlocked.Decrement(ref current);
        };
        queue.Send([.. Enumerable.Range(1, 6).Select(i => TestEvents.Message($"evt-{i}", RetailEventTypes.OrderPlaced, $"order/shopify/a/{i}"))]);
        var pump = Pump(harness, queue);

        await pump.StartAsync(CancellationToken.None);
        await twoInside.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var inFlightWhileBlocked = queue.InFlight;
        open.SetResult();
        await Eventually.HoldsAsync(() => queue.Pending == 0, "every message is settled");
        await pump.StopAsync(CancellationToken.None);

        Assert.Equal(2, inFlightWhileBlocked);
        Assert.Equal(2, max);
        Assert.Equal(6, harness.Client.Raised.Count);
    }

    [Fact]
    public async Task Pump_survives_a_failing_queue_and_keeps_receiving()
    {
        using var harness = new DispatchHarness(azurite, Fast);
        var queue = new FlakyReceiver(new InMemoryEventQueue(TimeProvider.System), failures: 3);
        queue.Inner.Send(TestEvents.Message("evt-1", RetailEventTypes.OrderPlaced, Order));
        var pump = new EventQueuePump(queue, harness.Dispatcher, Options.Create(harness.DispatchOptions), TimeProvider.System, NullLogger<EventQueuePump>.Instance);

        await pump.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => queue.Inner.Pending == 0, "the message is settled");
        await pump.StopAsync(CancellationToken.None);

        Assert.Single(harness.Client.Raised);
        Assert.True(queue.Failed >= 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class FlakyReceiver(InMemoryEventQueue inner, int failures) : Messaging.IEventQueueReceiver
    {
        private int _remaining = failures;
        private int _failed;

        public InMemoryEventQueue Inner => inner;

        public int Failed => Volatile.Read(ref _failed);

        public Task<IReadOnlyList<Messaging.ReceivedEventMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref _remaining) >= 0)
            {
                Interlocked.Increment(ref _failed);
                throw new IOException("queue endpoint unreachable");
            }

            return inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);
        }

        public Task CompleteAsync(Messaging.ReceivedEventMessage message, CancellationToken cancellationToken = default) => inner.CompleteAsync(message, cancellationToken);

        public Task AbandonAsync(Messaging.ReceivedEventMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default) => inner.AbandonAsync(message, retryAfter, cancellationToken);

        public Task DeadLetterAsync(Messaging.ReceivedEventMessage message, string reason, string description, CancellationToken cancellationToken = default) =>
            inner.DeadLetterAsync(message, reason, description, cancellationToken);
    }
}
