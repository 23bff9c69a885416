using Microsoft.Extensions.Time.Testing;
using RetailSync.Messaging;

namespace RetailSync.Ingestion.Tests.Messaging;

public sealed class InMemoryEventQueueTests
{
    private static EventMessage Message(string id) => new(id, "order/shopify/s/" + id, EventMessage.CloudEventsJson, "{}"u8.ToArray());

    [Fact]
    public async Task Received_message_stays_hidden_until_its_visibility_timeout_passes()
    {
        var clock = new FakeTimeProvider();
        var queue = new InMemoryEventQueue(clock);
        await queue.SendAsync([Message("m1")]);

        var first = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30)));
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30)));

        clock.Advance(TimeSpan.FromSeconds(31));
        var again = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, first.DeliveryCount);
        Assert.Equal(2, again.DeliveryCount);
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.CompleteAsync(first));
        await queue.CompleteAsync(again);
        Assert.Empty(queue.Messages);
    }

    [Fact]
    public async Task Abandoned_message_returns_after_the_retry_delay()
    {
        var clock = new FakeTimeProvider();
        var queue = new InMemoryEventQueue(clock);
        await queue.SendAsync([Message("m1")]);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)));

        await queue.AbandonAsync(received, TimeSpan.FromSeconds(10));

        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5))).DeliveryCount);
    }

    [Fact]
    public async Task Dead_lettered_message_leaves_the_queue_with_its_reason()
    {
        var queue = new InMemoryEventQueue(new FakeTimeProvider());
        await queue.SendAsync([Message("m1"), Message("m2")]);
        var received = await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1));

        await queue.DeadLetterAsync(received[0], "poison", "cannot parse");

        var dead = Assert.Single(queue.DeadLetters);
        Assert.Equal("m1", dead.Message.MessageId);
        Assert.Equal("poison", dead.Reason);
        Assert.Equal(1, dead.DeliveryCount);
        Assert.Equal("m2", Assert.Single(queue.Messages).MessageId);
        Assert.Equal(2, queue.SentCount);
    }
}
