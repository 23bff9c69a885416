using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Sandbox.Odoo;

namespace RetailSync.Odoo.Tests.Sandbox;

/// <summary>A sandbox Odoo of one version plus a client wired as in production (AddOdooClient) against it.</summary>
internal sealed class OdooHarness : IAsyncDisposable
{
    private OdooHarness(OdooSandbox sandbox, ServiceProvider provider)
    {
        Sandbox = sandbox;
        Provider = provider;
        Client = provider.GetRequiredService<OdooClient>();
        Sales = provider.GetRequiredService<OdooSalesOperations>();
        Stock = provider.GetRequiredService<OdooStockOperations>();
        Accounting = provider.GetRequiredService<OdooAccountingOperations>();
    }

    public OdooSandbox Sandbox { get; }

    public ServiceProvider Provider { get; }

    public OdooClient Client { get; }

    public OdooSalesOperations Sales { get; }

    public OdooStockOperations Stock { get; }

    public OdooAccountingOperations Accounting { get; }

    public static async Task<OdooHarness> StartAsync(int version, Action<OdooClientOptions>? configure = null, Action<IServiceCollection>? services2 = null)
    {
        var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions { Version = version, Seed = 42 });
        var services = new ServiceCollection();
        services.AddOdooClient(o =>
        {
            o.BaseUrl = sandbox.BaseUrl;
            o.Database = "retailsync";
            o.Login = "admin";
            o.ApiKey = "sandbox-api-key";
            o.ShippingProductSku = "SHIP-STD";
            o.PaymentJournals["stripe"] = "STRP";
            o.PaymentJournals["shopify"] = "SHOP";
            o.Timeout = TimeSpan.FromSeconds(10);
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        });
        services2?.Invoke(services);
        return new OdooHarness(sandbox, services.BuildServiceProvider());
    }

    /// <summary>Records of a model whose field equals the value (many2one compared by id).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Where(string model, string field, object value) =>
        Sandbox.Inspect.Records(model)
            .Where(r => r.TryGetValue(field, out var v) && v is not null
                && string.Equals(Convert.ToString(v, CultureInfo.InvariantCulture), Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .ToList();

    public IReadOnlyDictionary<string, object?> Get(string model, long id) =>
        Sandbox.Inspect.Record(model, checked((int)id)) ?? throw new InvalidOperationException($"{model} {id} does not exist");

    public static CustomerRequest Customer(string id, string? email = null) =>
        new("shopify", id, $"Customer {id}")
        {
            Email = email ?? $"{id}@example.com",
            Phone = "+1 555 0100",
            BillingAddress = new PostalAddress("1 Main St", null, "Springfield", "12345", "US"),
            ShippingAddress = new PostalAddress("9 Dock Rd", "Unit 4", "Shelbyville", "54321", "US"),
        };

    public static SaleOrderRequest Order(string orderId, CustomerRequest customer, params SaleOrderLineRequest[] lines) =>
        new("shopify", orderId, customer, lines.Length > 0 ? lines : DefaultLines) { Shipping = new ShippingCharge(6.95m) };

    public static readonly SaleOrderLineRequest[] DefaultLines =
    [
        new("TEE-BLK-M", 2, 25.00m),
        new("HOODIE-GRY-M", 1, 69.00m) { DiscountPercent = 10 },
        new("MUG-LOGO", 3, 14.00m),
    ];

    /// <summary>Places and confirms an order, ships it entirely, invoices, posts and pays it.</summary>
    public async Task<(SaleOrderRef Order, InvoiceRef Invoice)> PaidOrderAsync(string orderId)
    {
        var order = await Sales.CreateSaleOrderAsync(Order(orderId, Customer("c-" + orderId)));
        await Sales.ConfirmSaleOrderAsync(order.OrderId);
        await Stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-" + orderId, DefaultLines.Select(l => new ShippedQuantity(l.Sku, l.Quantity)).ToList()));
        var invoice = await Accounting.CreateInvoiceAsync(order.OrderId);
        invoice = await Accounting.PostInvoiceAsync(invoice.InvoiceId);
        await Accounting.RegisterPaymentAsync(new PaymentRequest(invoice.InvoiceId, "stripe", "pi_" + orderId, invoice.AmountTotal, new DateOnly(2026, 11, 23)));
        return (order, invoice);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
