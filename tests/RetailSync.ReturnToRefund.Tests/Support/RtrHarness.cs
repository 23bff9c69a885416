using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Events;
using RetailSync.Ledgers;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Messaging;
using RetailSync.Odoo;
using RetailSync.Ops;
using RetailSync.Ops.Workflows;
using RetailSync.OrderToCash;
using RetailSync.OrderToCash.Parking;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Payments;
using RetailSync.ReturnToRefund.Parking;
using RetailSync.ReturnToRefund.Workflow;
using RetailSync.Routing;
using RetailSync.Sandbox.Odoo;
using RetailSync.Sandbox.Odoo.Inspection;
using RetailSync.Sandbox.Stripe;
using RetailSync.Testing;
using RetailSync.Workflows;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.Embedded.Runtime;
using Stripe;

namespace RetailSync.ReturnToRefund.Tests.Support;

/// <summary>
/// Return-to-refund wired as the hosts wire it (Odoo client, ledgers in Azurite, payments with the Stripe gateway,
/// order-to-cash and return-to-refund on the embedded runtime) against the Odoo sandbox of one version and the Stripe
/// sandbox. Orders are first carried through order-to-cash (paid through a real sandbox PaymentIntent); return events
/// are delivered as the dispatcher delivers them: schedule the instance, raise the event.
/// </summary>
public sealed class RtrHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RtrHarness(OdooSandbox odoo, StripeSandbox stripe, ServiceProvider services)
    {
        Odoo = odoo;
        Stripe = stripe;
        _services = services;
        Client = services.GetRequiredService<OrchestrationClient>();
        Runtime = services.GetRequiredService<EmbeddedWorkflowRuntime>();
        Exceptions = services.GetRequiredService<ExceptionLedgerClient>();
        CrossReferences = services.GetRequiredService<CrossReferenceLedgerClient>();
        Queue = (InMemoryEventQueue)services.GetRequiredService<IEventQueue>();
        Ops = services.GetRequiredService<WorkflowOpsHandler>();
    }

    public OdooSandbox Odoo { get; }

    public StripeSandbox Stripe { get; }

    public OrchestrationClient Client { get; }

    public EmbeddedWorkflowRuntime Runtime { get; }

    public ExceptionLedgerClient Exceptions { get; }

    public CrossReferenceLedgerClient CrossReferences { get; }

    public InMemoryEventQueue Queue { get; }

    public WorkflowOpsHandler Ops { get; }

    public IServiceProvider Services => _services;

    public static async Task<RtrHarness> StartAsync(AzuriteFixture azurite, int version, Dictionary<string, string?>? settings = null, StripeSandboxOptions? stripe = null)
    {
        var odoo = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version, Seed = 11 });
        var stripeSandbox = await StripeSandbox.StartAsync(stripe ?? new StripeSandboxOptions());
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
                ["ReturnToRefund:Retry:MaxAttempts"] = "4",
                ["ReturnToRefund:Retry:FirstInterval"] = "00:00:00.050",
                ["ReturnToRefund:Retry:MaxInterval"] = "00:00:00.200",
                ["Payments:Stripe:ApiKey"] = stripeSandbox.Options.ApiKey,
                ["Payments:Stripe:ApiBase"] = stripeSandbox.BaseUrl.ToString(),
                ["Payments:Stripe:MaxNetworkRetries"] = "0",
                ["Payments:Stripe:Timeout"] = "00:00:05",
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IEventQueue>(new InMemoryEventQueue());
        services.AddOdooClient(o =>
        {
            o.BaseUrl = odoo.BaseUrl;
            o.Database = odoo.Options.Database;
            o.Login = odoo.Options.Login;
            o.ApiKey = odoo.Options.ApiKey;
            o.ShippingProductSku = "SHIP-STD";
            o.PaymentJournals["stripe"] = "STRP";
            o.PaymentJournals["shopify"] = "SHOP";
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
        });
        services.AddRetailSyncLedgers(config);
        services.AddRetailSyncPayments(config);
        services.AddOrderToCash(config);
        services.AddReturnToRefund(config);
        services.AddEmbeddedWorkflowRuntime(config);
        services.AddRetailSyncOps(config);
        var provider = services.BuildServiceProvider();
        var harness = new RtrHarness(odoo, stripeSandbox, provider);
        await harness.Runtime.StartAsync();
        return harness;
    }

    /// <summary>
    /// Carries Shopify order <paramref name="orderId"/> (two TEE-BLK-M at 25, one MUG-LOGO at 14, 6.95 shipping, 15% tax
    /// on top: 81.59) through order-to-cash: paid through a Stripe sandbox PaymentIntent, shipped in full.
    /// </summary>
    public async Task<DeliveredOrder> DeliveredOrderAsync(string orderId)
    {
        var orderKey = $"order/shopify/acme.myshopify.com/{orderId}";
        var instanceId = $"order:shopify:acme.myshopify.com/{orderId}";
        const decimal total = 81.59m;
        var intent = await new PaymentIntentService(new StripeClient(Stripe.Options.ApiKey, apiBase: Stripe.BaseUrl.ToString().TrimEnd('/')))
            .CreateAsync(new PaymentIntentCreateOptions { Amount = 8159, Currency = "usd", Metadata = new Dictionary<string, string> { ["order_key"] = orderKey } });
        var reference = "stripe/" + intent.Id;
        await CrossReferences.LinkAsync(orderKey, new ExternalReference(ReferenceSystems.PaymentReference, reference));
        OrderLine[] lines =
        [
            new("1", "TEE-BLK-M", "Organic Tee Black M", 2, 25.00m, 0m, 7.50m),
            new("2", "MUG-LOGO", "Enamel Mug", 1, 14.00m, 0m, 2.10m),
        ];
        var at = ReturnScenario.At.AddDays(-3);
        var order = new OrderData(orderKey, "shopify", orderId, "#" + orderId, "USD", false, 64m, 0m, 6.95m, total - 64m - 6.95m, total, "pending",
            new CustomerIdentity("cust-" + orderId, $"buyer{orderId}@example.com", "Ada Buyer", "US"), reference, lines,
            [new ShippingLine("Standard", "STD", 6.95m, 0m, 1.04m)], [], at, at);
        var payment = new PaymentData(reference, "stripe", total, "USD", "succeeded", orderKey, "card", null, null, at.AddMinutes(1));
        var shipment = new ShipmentData($"shipment/warehouse/S-{orderId}", "warehouse", "S-" + orderId, orderKey, "dispatched", "UPS", null, ["1Z" + orderId], null, false,
            [new ShipmentLine("TEE-BLK-M", 2), new ShipmentLine("MUG-LOGO", 1)], at.AddHours(2));
        foreach (var (id, type, subject, data) in new (string, string, string, object)[]
                 {
                     ($"evt-placed-{orderId}", RetailEventTypes.OrderPlaced, orderKey, order),
                     ($"evt-paid-{orderId}", RetailEventTypes.PaymentCaptured, "payment/" + reference, payment),
                     ($"evt-ship-{orderId}", RetailEventTypes.ShipmentDispatched, shipment.ShipmentKey, shipment),
                 })
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(OrderToCashNames.Workflow, new RoutedWorkflowInput(orderKey, id, type), new StartOrchestrationOptions(instanceId));
            await Client.RaiseEventAsync(instanceId, type, new RoutedEvent(id, type, subject, subject.Split('/')[1], at, null, null, null, null, null, false,
                JsonSerializer.SerializeToElement(data, data.GetType(), RetailEventJson.Options)));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = await Client.WaitForInstanceCompletionAsync(instanceId, true, cts.Token);
        var result = state.ReadOutputAs<OrderToCashResult>()!;
        Assert.True(result.Outcome == OrderToCashOutcome.Completed, $"order {orderId}: {state.SerializedOutput}");
        return new DeliveredOrder(orderKey, instanceId, reference, intent.Id, result.SaleOrderId!.Value, result.InvoiceId!.Value, total);
    }

    /// <summary>Delivers events as the dispatcher does: start the instance if absent, then raise the event under its type.</summary>
    public async Task SendAsync(ReturnScenario r, params RoutedEvent[] events)
    {
        foreach (var e in events)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(ReturnToRefundNames.Workflow, new RoutedWorkflowInput(r.ReturnKey, e.EventId, e.Type), new StartOrchestrationOptions(r.InstanceId));
            await Client.RaiseEventAsync(r.InstanceId, e.Type, e);
        }
    }

    public async Task<ReturnToRefundResult> CompletedAsync(ReturnScenario r, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var state = await Client.WaitForInstanceCompletionAsync(r.InstanceId, true, cts.Token);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage} {state.SerializedCustomStatus}");
        return state.ReadOutputAs<ReturnToRefundResult>()!;
    }

    public async Task<ReturnToRefundStatus?> StatusAsync(ReturnScenario r) =>
        (await Client.GetInstanceAsync(r.InstanceId))?.ReadCustomStatusAs<ReturnToRefundStatus>();

    /// <summary>Waits until the custom status matches (polling with a deadline).</summary>
    public Task<ReturnToRefundStatus> StatusWhenAsync(ReturnScenario r, Func<ReturnToRefundStatus, bool> condition, string what) =>
        Eventually.ValueAsync(async () => await StatusAsync(r) is { } s && condition(s) ? s : null, what);

    public async Task<ReturnToRefundStatus> ParkedAsync(ReturnScenario r, string kind)
    {
        var parked = await StatusWhenAsync(r, s => s.Parked is not null || s.Stage is "completed" or "rejected" or "cancelled" or "refund-rejected", $"{r.InstanceId} parks");
        Assert.True(parked.Parked?.Kind == kind, $"expected to park with {kind}: {Json(parked)}");
        return parked;
    }

    public Task ResolveAsync(ReturnScenario r, string exceptionId, OperatorAction action, string? note = null) =>
        Client.RaiseEventAsync(r.InstanceId, ReturnToRefundNames.ResolveEvent, new OperatorDecision(exceptionId, action, note, "tester"));

    public Task DecideAsync(ReturnScenario r, string approvalId, bool approved, string? note = null) =>
        Client.RaiseEventAsync(r.InstanceId, ReturnToRefundNames.ApprovalEvent, new ApprovalDecision(approvalId, approved, note, "tester"));

    public async Task<IReadOnlyList<ExceptionRecord>> ExceptionsOfAsync(ReturnScenario r) =>
        (await Exceptions.ListByInstanceAsync(r.InstanceId, 100)).Items;

    /// <summary>Posted and draft credit notes of the order's invoice.</summary>
    public IReadOnlyList<OdooInvoiceView> CreditNotesOf(DeliveredOrder order) =>
        Odoo.Inspect.Invoices().Where(i => i.MoveType == "out_refund" && i.ReversedEntryId == order.InvoiceId && i.State != "cancel").ToList();

    public IReadOnlyList<OdooPaymentView> PaymentsFor(OdooInvoiceView move) =>
        Odoo.Inspect.Payments().Where(p => p.ReconciledInvoiceIds.Contains(move.Id)).ToList();

    /// <summary>Incoming return transfers of the order (not cancelled).</summary>
    public IReadOnlyList<OdooPickingView> ReturnsOf(DeliveredOrder order) =>
        Odoo.Inspect.Pickings().Where(p => p.SaleId == order.SaleOrderId && p.PickingTypeCode == "incoming" && p.State != "cancel").ToList();

    public IReadOnlyList<StripeSandboxRefund> RefundsOf(DeliveredOrder order) =>
        Stripe.Refunds.Where(r => r.PaymentIntentId == order.PaymentIntentId).ToList();

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await _services.DisposeAsync();
        await Stripe.DisposeAsync();
        await Odoo.DisposeAsync();
    }

    /// <summary>Serialises values as the workflow does, for assertion messages.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, WorkflowJson.Options);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
