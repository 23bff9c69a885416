using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Messaging;
using RetailSync.Testing;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.Hosting;

namespace RetailSync.Dispatch.Tests.EndToEnd;

/// <summary>Queue -> pump -> dispatcher -> the real embedded workflow runtime (in-memory and Azurite stores) -> a workflow.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EmbeddedRuntimeTests(AzuriteFixture azurite)
{
    private const string Order = "order/shopify/acme.myshopify.com/1001";
    private const string OrderInstance = "order:shopify:acme.myshopify.com/1001";

    [Theory]
    [InlineData("InMemory")]
    [InlineData("AzureStorage")]
    public async Task Payment_before_order_and_duplicate_copies_complete_one_workflow_that_saw_each_event_once(string store)
    {
        var queue = new InMemoryEventQueue(TimeProvider.System);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Workflows:Store"] = store,
            ["Workflows:TaskHub"] = azurite.UniqueName("hub"),
            ["Workflows:TimerPollInterval"] = "00:00:00.050",
            ["Workflows:MaxQueuePollingInterval"] = "00:00:00.050",
            ["Ledgers:EventsTable"] = azurite.UniqueName("e2eevents"),
            ["Ledgers:CrossReferencesTable"] = azurite.UniqueName("e2exrefs"),
            ["Ledgers:ExceptionsTable"] = azurite.UniqueName("e2eexceptions"),
            ["Ledgers:AuditTable"] = azurite.UniqueName("e2eaudit"),
            ["Ledgers:UnroutedTable"] = azurite.UniqueName("e2eunrouted"),
            ["Dispatch:IdleDelay"] = "00:00:00.020",
            ["Dispatch:RetryBaseDelay"] = "00:00:00.050",
            ["Dispatch:RetryMaxDelay"] = "00:00:00.200",
            ["Dispatch:ClaimLease"] = "00:00:01", // a copy that meets its twin in flight retries after the lease
        });
        builder.Services.AddSingleton<IEventQueueReceiver>(queue);
        builder.Services.AddEmbeddedWorkflowRuntime(builder.Configuration, registry => registry.AddOrchestrator<TestOrderWorkflow>("OrderToCash"));
        builder.Services.AddRetailSyncDispatch(builder.Configuration);
        using var host = builder.Build();

        var placed = TestEvents.Message("evt-placed", RetailEventTypes.OrderPlaced, Order, paymentRef: "stripe/pi_123");
        var payment = TestEvents.Message("evt-paid", RetailEventTypes.PaymentCaptured, "payment/stripe/pi_123", data: new { amount = 99.95m });
        queue.Send(payment);
        await host.StartAsync();
        try
        {
            await Eventually.HoldsAsync(() => queue.Pending == 0, "the early payment is parked");
            queue.Send(placed, placed, payment);

            var client = host.Services.GetRequiredService<OrchestrationClient>();
            await Eventually.HoldsAsync(() => client.GetInstanceAsync(OrderInstance).GetAwaiter().GetResult() is not null, "the order instance exists");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var result = await client.WaitForInstanceCompletionAsync(OrderInstance, getInputsAndOutputs: true, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal($"{Order}|evt-placed|evt-paid|stripe/pi_123|{Order}|99.95", result.ReadOutputAs<string>());
            await Eventually.HoldsAsync(() => queue.Pending == 0, "every copy is settled");
            Assert.Equal(4, queue.Completed.Count);
            Assert.Empty(queue.DeadLettered);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
