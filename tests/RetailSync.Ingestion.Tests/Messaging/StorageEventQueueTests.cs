using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using RetailSync.Messaging;
using RetailSync.Testing;

namespace RetailSync.Ingestion.Tests.Messaging;

public sealed class StorageEventQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private (StorageEventQueue Queue, EventQueueOptions Options) Create(int maxInline = 48 * 1024)
    {
        var options = new EventQueueOptions { Events = azurite.UniqueName("events"), MaxInlineMessageBytes = maxInline };
        var queue = new StorageEventQueue(new QueueServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString), options);
        return (queue, options);
    }

    private static EventMessage CloudEvent(string id, string subject, int padding = 0)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "/test",
            ["type"] = "retail.order.placed",
            ["subject"] = subject,
            ["correlationid"] = "corr-" + id,
            ["data"] = new { pad = new string('x', padding) },
        });
        return new EventMessage(id, subject, EventMessage.CloudEventsJson, Encoding.UTF8.GetBytes(json), "corr-" + id);
    }

    [Fact]
    public async Task Sent_messages_are_received_with_their_id_subject_and_body_and_queue_text_is_the_cloudevent()
    {
        var (queue, options) = Create();
        var message = CloudEvent("e1", "order/shopify/acme.myshopify.com/1");

        await queue.SendAsync([message]);

        var peeked = await new QueueClient(azurite.ConnectionString, options.Events).PeekMessagesAsync(10);
        var text = Assert.Single(peeked.Value).Body.ToString();
        Assert.Equal(Encoding.UTF8.GetString(message.Body.Span), text);

        var received = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30)));
        Assert.Equal("e1", received.Message.MessageId);
        Assert.Equal("order/shopify/acme.myshopify.com/1", received.Message.SessionId);
        Assert.Equal("corr-e1", received.Message.CorrelationId);
        Assert.Equal(1, received.DeliveryCount);
        Assert.Equal(message.Body.ToArray(), received.Message.Body.ToArray());

        await queue.CompleteAsync(received);
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero));
    }

    [Fact]
    public async Task Oversized_message_travels_through_a_claim_check_blob_and_comes_back_whole()
    {
        var (queue, options) = Create(maxInline: 4096);
        var message = CloudEvent("big", "order/shopify/acme.myshopify.com/2", padding: 100_000);

        await queue.SendAsync([message]);

        var peeked = await new QueueClient(azurite.ConnectionString, options.Events).PeekMessagesAsync(10);
        var pointer = Assert.Single(peeked.Value).Body.ToString();
        Assert.Contains("\"claimcheck\"", pointer, StringComparison.Ordinal);
        Assert.True(pointer.Length < 1024);

        var received = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30)));
        Assert.Equal("big", received.Message.MessageId);
        Assert.Equal(message.Body.ToArray(), received.Message.Body.ToArray());

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(options.ClaimCheckContainerName);
        Assert.Single(container.GetBlobs());
        await queue.CompleteAsync(received);
        Assert.Empty(container.GetBlobs());
    }

    [Fact]
    public async Task Abandoned_message_comes_back_with_a_higher_delivery_count()
    {
        var (queue, _) = Create();
        await queue.SendAsync([CloudEvent("a1", "order/shopify/s/1")]);

        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        await queue.AbandonAsync(first, TimeSpan.Zero);

        var second = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("a1", second.Message.MessageId);
        Assert.Equal(2, second.DeliveryCount);
    }

    [Fact]
    public async Task Dead_lettered_message_lands_on_the_sibling_queue_with_reason_and_original()
    {
        var (queue, options) = Create();
        var message = CloudEvent("d1", "order/shopify/s/9");
        await queue.SendAsync([message]);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        await queue.DeadLetterAsync(received, "poison", "order 9 has no lines");

        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero));
        var dead = await new QueueClient(azurite.ConnectionString, options.Events + "-deadletter").ReceiveMessagesAsync(10);
        using var document = JsonDocument.Parse(Assert.Single(dead.Value).Body.ToString());
        var root = document.RootElement;
        Assert.Equal("poison", root.GetProperty("reason").GetString());
        Assert.Equal("order 9 has no lines", root.GetProperty("description").GetString());
        Assert.Equal("d1", root.GetProperty("messageId").GetString());
        Assert.Equal("d1", root.GetProperty("original").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unreadable_queue_text_is_handed_over_as_opaque_bytes_instead_of_failing_the_receive()
    {
        var (queue, options) = Create();
        await queue.EnsureCreatedAsync();
        await new QueueClient(azurite.ConnectionString, options.Events).SendMessageAsync("not json at all");

        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal("application/octet-stream", received.Message.ContentType);
        Assert.Equal("not json at all", Encoding.UTF8.GetString(received.Message.Body.Span));
    }
}
