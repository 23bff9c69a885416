using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Ledgers;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Odoo;
using RetailSync.Ops;
using RetailSync.Ops.Workflows;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Routing;
using RetailSync.Sandbox.Odoo;
using RetailSync.Sandbox.Odoo.Inspection;
using RetailSync.Testing;
using RetailSync.Workflows;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.Embedded.Runtime;

namespace RetailSync.OrderToCash.Tests.Support;

/// <summary>
/// The order-to-cash workflow wired as a host wires it (AddOdooClient, AddRetailSyncLedgers, AddOrderToCash,
/// AddEmbeddedWorkflowRuntime on the in-memory store, AddRetailSyncOps) against an Odoo sandbox of one version and
/// ledgers in Azurite. Events are delivered as the dispatcher delivers them: schedule the instance, raise the event.
/// </summary>
public sealed class O2cHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private O2cHarness(OdooSandbox sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        _services = services;
        Client = services.GetRequiredService<OrchestrationClient>();
        Runtime = services.GetRequiredService<EmbeddedWorkflowRuntime>();
        Exceptions = services.GetRequiredService<ExceptionLedgerClient>();
        CrossReferences = services.GetRequiredService<CrossReferenceLedgerClient>();
        Odoo = services.GetRequiredService<OdooClient>();
        Ops = services.GetRequiredService<WorkflowOpsHandler>();
    }

    public OdooSandbox Sandbox { get; }

    public OrchestrationClient Client { get; }

    public EmbeddedWorkflowRuntime Runtime { get; }

    public ExceptionLedgerClient Exceptions { get; }

    public CrossReferenceLedgerClient CrossReferences { get; }

    public OdooClient Odoo { get; }

    public WorkflowOpsHandler Ops { get; }

    public IServiceProvider Services => _services;

    public static async Task<O2cHarness> StartAsync(AzuriteFixture azurite, int version, Dictionary<string, string?>? settings = null, TimeProvider? time = null, Action<OdooClientOptions>? odoo = null)
    {
        var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version, Seed = 7 });
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Workflows:Store"] = "InMemory",
                ["Workflows:TimerPollInterval"] = "00:00:00.050",
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Ledgers:ExceptionsTable"] = azurite.UniqueName("exceptions"),
                ["Ledgers:CrossReferencesTable"] = azurite.UniqueName("xrefs"),
                ["OrderToCash:Retry:MaxAttempts"] = "4",
                ["OrderToCash:Retry:FirstInterval"] = "00:00:00.050",
                ["OrderToCash:Retry:MaxInterval"] = "00:00:00.200",
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddOdooClient(o =>
        {
            o.BaseUrl = sandbox.BaseUrl;
            o.Database = sandbox.Options.Database;
            o.Login = sandbox.Options.Login;
            o.ApiKey = sandbox.Options.ApiKey;
            o.ShippingProductSku = "SHIP-STD";
            o.PaymentJournals["stripe"] = "STRP";
            o.PaymentJournals["shopify"] = "SHOP";
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
            odoo?.Invoke(o);
        });
        services.AddRetailSyncLedgers(config);
        services.AddOrderToCash(config);
        services.AddEmbeddedWorkflowRuntime(config);
        services.AddRetailSyncOps(config);
        var provider = services.BuildServiceProvider();
        var harness = new O2cHarness(sandbox, provider);
        await harness.Runtime.StartAsync();
        return harness;
    }

    /// <summary>Delivers events as the dispatcher does: start the instance if absent, then raise the event under its type.</summary>
    public async Task SendAsync(OrderScenario order, params RoutedEvent[] events)
    {
        foreach (var e in events)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(
                OrderToCashNames.Workflow,
                new RoutedWorkflowInput(order.OrderKey, e.EventId, e.Type),
                new StartOrchestrationOptions(order.InstanceId));
            await Client.RaiseEventAsync(order.InstanceId, e.Type, e);
        }
    }

    public async Task<OrderToCashResult> CompletedAsync(OrderScenario order, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var state = await Client.WaitForInstanceCompletionAsync(order.InstanceId, true, cts.Token);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage} {state.SerializedCustomStatus}");
        return state.ReadOutputAs<OrderToCashResult>()!;
    }

    public Task<OrderToCashStatus?> StatusAsync(OrderScenario order) => StatusAsync(order.InstanceId);

    public async Task<OrderToCashStatus?> StatusAsync(string instanceId) =>
        (await Client.GetInstanceAsync(instanceId))?.ReadCustomStatusAs<OrderToCashStatus>();

    /// <summary>Waits until the custom status matches (polling with a deadline).</summary>
    public Task<OrderToCashStatus> StatusWhenAsync(OrderScenario order, Func<OrderToCashStatus, bool> condition, string what) =>
        Eventually.ValueAsync(async () => await StatusAsync(order) is { } s && condition(s) ? s : null, what);

    public async Task<OrderToCashStatus> ParkedAsync(OrderScenario order, string kind)
    {
        var parked = await StatusWhenAsync(order, s => s.Parked is not null || s.Stage is "completed" or "cancelled", $"{order.InstanceId} parks");
        Assert.True(parked.Parked?.Kind == kind, $"expected to park with {kind}: {Json(parked)}");
        return parked;
    }

    public async Task<IReadOnlyList<ExceptionRecord>> ExceptionsOfAsync(OrderScenario order) =>
        (await Exceptions.ListByInstanceAsync(order.InstanceId, 100)).Items;

    public IReadOnlyList<OdooSaleOrderView> SaleOrdersOf(OrderScenario order) =>
        Sandbox.Inspect.SaleOrders().Where(s => s.ClientOrderRef == $"shopify:{order.OrderId}").ToList();

    public IReadOnlyList<OdooInvoiceView> InvoicesOf(OdooSaleOrderView saleOrder) =>
        Sandbox.Inspect.Invoices().Where(i => saleOrder.InvoiceIds.Contains(i.Id)).ToList();

    public IReadOnlyList<OdooPaymentView> PaymentsFor(OdooInvoiceView invoice) =>
        Sandbox.Inspect.Payments().Where(p => p.ReconciledInvoiceIds.Contains(invoice.Id)).ToList();

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    /// <summary>Serialises values as the workflow does, for assertions on custom status.</summary>
    public static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, WorkflowJson.Options);
}
