using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RetailSync.Dispatch.Hosting;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Events;
using RetailSync.Ledgers;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Messaging;
using RetailSync.Testing;
using RetailSync.Workflows.Client;

namespace RetailSync.Dispatch.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class RegistrationTests(AzuriteFixture azurite)
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, RecordingOrchestrationClient client, bool hostsQueueConsumers = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<OrchestrationClient>(client)
            .AddSingleton<IEventQueueReceiver>(new RecordingEventQueue(TimeProvider.System));
        services.AddRetailSyncDispatch(configuration, hostsQueueConsumers);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Configured_dispatcher_uses_the_configured_tables_workflows_and_attempts()
    {
        var client = new RecordingOrchestrationClient();
        var exceptionsTable = azurite.UniqueName("cfgexceptions");
        using var provider = Build(
            new()
            {
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Ledgers:ExceptionsTable"] = exceptionsTable,
                ["Ledgers:EventsTable"] = azurite.UniqueName("cfgevents"),
                ["Dispatch:MaxAttempts"] = "1",
                ["Dispatch:OrderWorkflow"] = "OrderToCashV2",
            },
            client);

        var dispatcher = provider.GetRequiredService<EventDispatcher>();
        await dispatcher.DispatchAsync(TestEvents.Received(TestEvents.Message("evt-cfg", RetailEventTypes.OrderPlaced, "order/pos/store-1/5")));
        client.BeforeRaise = (_, _) => Task.FromException(new TimeoutException("down"));
        var outcome = await dispatcher.DispatchAsync(TestEvents.Received(TestEvents.Message("evt-cfg-2", RetailEventTypes.OrderUpdated, "order/pos/store-1/5")));

        Assert.Equal("OrderToCashV2", Assert.Single(client.Started).Name);
        Assert.Equal(DispatchOutcomeKind.DeadLetter, outcome.Kind);
        Assert.Equal(exceptionsTable, provider.GetRequiredService<IOptions<LedgerOptions>>().Value.ExceptionsTable);
        Assert.Single((await provider.GetRequiredService<ExceptionLedgerClient>().ListOpenAsync()).Items);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is EventQueuePump);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is UnroutedSweepService);
    }

    [Fact]
    public void Pump_and_sweeper_can_be_turned_off_for_hosts_that_settle_messages_themselves()
    {
        using var provider = Build(
            new()
            {
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Dispatch:PumpEnabled"] = "false",
                ["Dispatch:SweepEnabled"] = "false",
            },
            new RecordingOrchestrationClient());

        Assert.DoesNotContain(provider.GetServices<IHostedService>(), s => s is EventQueuePump or UnroutedSweepService);
        Assert.NotNull(provider.GetRequiredService<EventDispatcher>());
    }

    [Fact]
    public void A_host_with_its_own_queue_triggers_gets_neither_pump_nor_sweeper_whatever_the_configuration_says()
    {
        using var provider = Build(
            new()
            {
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Dispatch:PumpEnabled"] = "true",
                ["Dispatch:SweepEnabled"] = "true",
            },
            new RecordingOrchestrationClient(),
            hostsQueueConsumers: false);

        Assert.DoesNotContain(provider.GetServices<IHostedService>(), s => s is EventQueuePump or UnroutedSweepService);
        Assert.NotNull(provider.GetRequiredService<EventDispatcher>());
    }

    [Theory]
    [InlineData("Dispatch:MaxAttempts", "0")]
    [InlineData("Dispatch:Concurrency", "0")]
    [InlineData("Dispatch:ClaimLease", "-00:00:01")]
    [InlineData("Ledgers:EventsTable", "bad-name!")]
    public void Invalid_settings_fail_with_a_clear_error(string key, string value)
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = azurite.ConnectionString, [key] = value }, new RecordingOrchestrationClient());

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<DispatchOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<LedgerOptions>>().Value;
        });
        Assert.Contains(key.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_storage_connection_is_reported_by_name()
    {
        if (Environment.GetEnvironmentVariable(LedgerServiceCollectionExtensions.ConnectionStringVariable) is not null)
        {
            Assert.NotNull(LedgerServiceCollectionExtensions.ResolveConnectionString(new ConfigurationBuilder().Build()));
            return;
        }

        using var provider = Build([], new RecordingOrchestrationClient());

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<EventDispatcher>());
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
