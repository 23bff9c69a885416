using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;
using RetailSync.Ingestion.Signing;
using RetailSync.Testing;

namespace RetailSync.Ingestion.Tests.EndToEnd;

/// <summary>The running local host (Program, the real composition) over Azurite.</summary>
public sealed class LocalHostEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Shop = "acme.myshopify.com";
    private const string Secret = "e2e-shopify-secret";

    private WebApplicationFactory<Program> Host(string queueName) => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseEnvironment("Testing");

        // Ingestion only: these tests read the queue, so the local dispatcher must not drain it.
        web.UseSetting("Dispatch:PumpEnabled", "false");
        web.UseSetting("Dispatch:SweepEnabled", "false");
        web.UseSetting("Workflows:Store", "InMemory");
        web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Queues:Events"] = queueName,
            [$"Webhooks:Shopify:Shops:{Shop}:Secrets:0"] = Secret,
            ["Webhooks:Pos:Secrets:0"] = "whsec_cG9zLXNlY3JldC1rZXktZm9yLXRlc3Rz",
        }));
    });

    private static HttpRequestMessage ShopifyRequest(string topic, string body, string webhookId)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Shop-Domain", Shop);
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
        request.Headers.Add("X-Shopify-Hmac-Sha256", WebhookSigner.BodyHmacBase64(Secret, bytes));
        return request;
    }

    private static async Task<string[]> EventIds(HttpResponseMessage response)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("eventIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Fact]
    public async Task Signed_delivery_lands_on_the_queue_as_one_cloud_event_per_canonical_event()
    {
        var queueName = azurite.UniqueName("e2e");
        await using var factory = Host(queueName);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(ShopifyRequest("orders/create", TestHarness.Fixture("shopify/orders-create.json"), "e2e-1"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ids = await EventIds(response);
        var peeked = (await new QueueClient(azurite.ConnectionString, queueName).PeekMessagesAsync(32)).Value;
        Assert.Equal(ids, peeked.Select(m => RetailCloudEvents.Parse(m.Body.ToMemory()).Id!).ToArray());
        var cloudEvent = RetailCloudEvents.Parse(peeked[0].Body.ToMemory());
        Assert.Equal(RetailEventTypes.OrderPlaced, cloudEvent.Type);
        Assert.Equal("order/shopify/acme.myshopify.com/820982911946154508", cloudEvent.Subject);
    }

    [Fact]
    public async Task Redelivery_through_two_host_instances_carries_identical_ids_on_the_queue()
    {
        var queueName = azurite.UniqueName("e2e");
        var body = TestHarness.Fixture("shopify/orders-create.json");
        string[] first;
        string[] second;
        await using (var one = Host(queueName))
        {
            using var response = await one.CreateClient().SendAsync(ShopifyRequest("orders/create", body, "e2e-2"));
            first = await EventIds(response);
        }

        await using (var other = Host(queueName))
        {
            using var response = await other.CreateClient().SendAsync(ShopifyRequest("orders/create", body, "e2e-2"));
            second = await EventIds(response);
            using var again = await other.CreateClient().SendAsync(ShopifyRequest("orders/create", body, "e2e-2"));
            Assert.Equal(second, await EventIds(again));
        }

        Assert.Equal(first, second);
        var peeked = (await new QueueClient(azurite.ConnectionString, queueName).PeekMessagesAsync(32)).Value;
        Assert.Equal(2, peeked.Length);
        Assert.All(peeked, m => Assert.Equal(first[0], RetailCloudEvents.Parse(m.Body.ToMemory()).Id));
    }

    [Fact]
    public async Task Bad_signature_wrong_content_type_and_unconfigured_source_are_refused_over_http()
    {
        var queueName = azurite.UniqueName("e2e");
        await using var factory = Host(queueName);
        using var client = factory.CreateClient();

        var tampered = ShopifyRequest("orders/create", "{\"id\":1}", "e2e-3");
        tampered.Content = new StringContent("{\"id\":2}", Encoding.UTF8, "application/json");
        using var unauthorized = await client.SendAsync(tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);

        var plain = ShopifyRequest("orders/create", "{\"id\":1}", "e2e-4");
        plain.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var unsupported = await client.SendAsync(plain);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);

        using var stripe = await client.PostAsync("/api/webhooks/stripe", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, stripe.StatusCode);
        Assert.Contains("no_secret", await stripe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
