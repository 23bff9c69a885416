using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Ledgers;
using RetailSync.Ledgers.Audit;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Events;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Ledgers.Unrouted;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Support;

/// <summary>A dispatcher over fresh ledger tables on Azurite, a recording client and a fake clock.</summary>
public sealed class DispatchHarness : IDisposable
{
    private readonly ServiceProvider _metrics;

    public DispatchHarness(
        AzuriteFixture azurite,
        Action<DispatchOptions>? configure = null,
        Func<TableServiceClient, LedgerOptions, TimeProvider, CrossReferenceLedgerClient>? crossReferences = null)
    {
        Options = new LedgerOptions
        {
            EventsTable = azurite.UniqueName("events"),
            CrossReferencesTable = azurite.UniqueName("xrefs"),
            ExceptionsTable = azurite.UniqueName("exceptions"),
            AuditTable = azurite.UniqueName("audit"),
            UnroutedTable = azurite.UniqueName("unrouted"),
        };
        var service = new TableServiceClient(azurite.ConnectionString);
        Events = new EventLedgerClient(service, Options, Time);
        CrossReferences = crossReferences?.Invoke(service, Options, Time) ?? new CrossReferenceLedgerClient(service, Options, Time);
        Exceptions = new ExceptionLedgerClient(service, Options, Time);
        Unrouted = new UnroutedLedgerClient(service, Options);
        Audit = new AuditTrailClient(service, Options);
        DispatchOptions = new DispatchOptions { RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromMinutes(1) };
        configure?.Invoke(DispatchOptions);
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Dispatcher = new EventDispatcher(
            Client, Events, CrossReferences, Exceptions, Unrouted, Audit,
            Microsoft.Extensions.Options.Options.Create(DispatchOptions), Time,
            NullLogger<EventDispatcher>.Instance,
            _metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));

    public RecordingOrchestrationClient Client { get; } = new();

    public LedgerOptions Options { get; }

    public DispatchOptions DispatchOptions { get; }

    public EventLedgerClient Events { get; }

    public CrossReferenceLedgerClient CrossReferences { get; }

    public ExceptionLedgerClient Exceptions { get; }

    public UnroutedLedgerClient Unrouted { get; }

    public AuditTrailClient Audit { get; }

    public EventDispatcher Dispatcher { get; }

    public Task<DispatchOutcome> DispatchAsync(Messaging.EventMessage message, int deliveryCount = 1) =>
        Dispatcher.DispatchAsync(TestEvents.Received(message, deliveryCount));

    public async Task<List<ExceptionRecord>> OpenExceptionsAsync()
    {
        var page = await Exceptions.ListOpenAsync(1000);
        return [.. page.Items];
    }

    public void Dispose() => _metrics.Dispose();
}
