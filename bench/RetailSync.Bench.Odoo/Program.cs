// Odoo connector benchmark: round trips per business step, and orders per second through the client
// against the sandbox Odoo with 20 ms of injected latency per call at the default concurrency bound.
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Odoo;
using RetailSync.Sandbox.Odoo;

var version = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var v) ? v : 18;
var today = new DateOnly(2026, 11, 23);
string[] skus = ["TEE-BLK-M", "HOODIE-GRY-M", "MUG-LOGO"];

await using var sandbox = await OdooSandbox.StartAsync(new OdooSandboxOptions
{
    Version = version,
    Seed = 7,
    Products = [.. OdooSandboxOptions.DefaultProducts.Select(p => p.OnHand > 0 ? p with { OnHand = 100_000 } : p)],
});
var services = new ServiceCollection();
services.AddOdooClient(o =>
{
    o.BaseUrl = sandbox.BaseUrl;
    o.Database = "retailsync";
    o.Login = "admin";
    o.ApiKey = "sandbox-api-key";
    o.ShippingProductSku = "SHIP-STD";
    o.PaymentJournals["stripe"] = "STRP";
});
await using var provider = services.BuildServiceProvider();
var sales = provider.GetRequiredService<OdooSalesOperations>();
var stock = provider.GetRequiredService<OdooStockOperations>();
var accounting = provider.GetRequiredService<OdooAccountingOperations>();

static CustomerRequest Customer(string id) => new("shopify", id, "Customer " + id)
{
    Email = id + "@example.com",
    BillingAddress = new PostalAddress("1 Main St", null, "Springfield", "12345", "US"),
};

SaleOrderRequest Order(string id, CustomerRequest customer) =>
    new("shopify", id, customer, [new(skus[0], 2, 25m), new(skus[1], 1, 69m) { DiscountPercent = 10 }, new(skus[2], 3, 14m)])
    {
        Shipping = new ShippingCharge(6.95m),
    };

async Task<long> Measure(Func<Task> step)
{
    var before = sandbox.CallCount;
    await step();
    return sandbox.CallCount - before;
}

// Warm-up: the session (version + login), the product cache and the static ids (warehouse, journals, countries).
{
    var warm = await sales.CreateSaleOrderAsync(Order("warm-1", Customer("warm")));
    await sales.ConfirmSaleOrderAsync(warm.OrderId);
    await stock.ValidateDeliveryAsync(new DeliveryRequest(warm.OrderId, "TRK-warm", [new(skus[0], 2), new(skus[1], 1), new(skus[2], 3)]));
    var inv = await accounting.PostInvoiceAsync((await accounting.CreateInvoiceAsync(warm.OrderId)).InvoiceId);
    await accounting.RegisterPaymentAsync(new PaymentRequest(inv.InvoiceId, "stripe", "pi_warm", inv.AmountTotal, today));
    var rma = await stock.CreateReturnAsync(new ReturnRequest(warm.OrderId, "RMA-warm", [new(skus[0], 1)]));
    await stock.ReceiveReturnAsync(new ReceiveReturnRequest(rma.PickingId, ReturnDisposition.Quarantine));
    var cn = await accounting.CreateCreditNoteAsync(new CreditNoteRequest(inv.InvoiceId, "RMA-warm", "Return") { Lines = [new(skus[0], 1)] });
    await accounting.RegisterRefundAsync(new PaymentRequest(cn.InvoiceId, "stripe", "re_warm", cn.AmountTotal, today));
}

// Round trips per step (no latency; products and static ids cached, as in steady state).
SaleOrderRef order = null!;
var rtNew = await Measure(async () =>
{
    order = await sales.CreateSaleOrderAsync(Order("bench-new", Customer("bench-new")));
    await sales.ConfirmSaleOrderAsync(order.OrderId);
});
var rtKnown = await Measure(async () =>
{
    order = await sales.CreateSaleOrderAsync(Order("bench-known", Customer("bench-new")));
    await sales.ConfirmSaleOrderAsync(order.OrderId);
});
var rtShip = await Measure(() => stock.ValidateDeliveryAsync(new DeliveryRequest(order.OrderId, "TRK-bench", [new(skus[0], 2), new(skus[1], 1), new(skus[2], 3)])));
InvoiceRef invoice = null!;
var rtInvoicePay = await Measure(async () =>
{
    var draft = await accounting.CreateInvoiceAsync(order.OrderId);
    invoice = await accounting.PostInvoiceAsync(draft.InvoiceId);
    await accounting.RegisterPaymentAsync(new PaymentRequest(invoice.InvoiceId, "stripe", "pi_bench", invoice.AmountTotal, today));
});
var rtReturnRefund = await Measure(async () =>
{
    var rma = await stock.CreateReturnAsync(new ReturnRequest(order.OrderId, "RMA-bench", [new(skus[1], 1)]));
    await stock.ReceiveReturnAsync(new ReceiveReturnRequest(rma.PickingId, ReturnDisposition.Quarantine));
    var credit = await accounting.CreateCreditNoteAsync(new CreditNoteRequest(invoice.InvoiceId, "RMA-bench", "Return") { Lines = [new(skus[1], 1)] });
    await accounting.RegisterRefundAsync(new PaymentRequest(credit.InvoiceId, "stripe", "re_bench", credit.AmountTotal, today));
});

Console.WriteLine($"Odoo {version} sandbox, round trips per order");
Console.WriteLine($"  place + confirm, new customer, 3 lines + shipping : {rtNew}");
Console.WriteLine($"  place + confirm, known customer, warm caches      : {rtKnown}");
Console.WriteLine($"  ship (validate delivery with tracking)             : {rtShip}");
Console.WriteLine($"  invoice + post + pay                              : {rtInvoicePay}");
Console.WriteLine($"  return + receive + credit note + refund           : {rtReturnRefund}");

// Throughput: place + confirm through the client with 20 ms per call, the default bound of 4 calls in flight.
sandbox.Faults.Latency = TimeSpan.FromMilliseconds(20);
const int Orders = 300;
const int Customers = 60;
const int Workers = 32;
var next = -1;
var callsBefore = sandbox.CallCount;
var started = TimeProvider.System.GetTimestamp();
await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < Orders)
    {
        var placed = await sales.CreateSaleOrderAsync(Order($"load-{i}", Customer($"load-c{i % Customers}")));
        await sales.ConfirmSaleOrderAsync(placed.OrderId);
    }
}));
var elapsed = TimeProvider.System.GetElapsedTime(started);
var ordersPerSecond = Orders / elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Throughput: {Orders} orders ({Customers} customers, {Workers} callers) in {elapsed.TotalSeconds:F2} s = {ordersPerSecond:F1} orders/s, {(sandbox.CallCount - callsBefore) / (double)Orders:F2} calls/order, 20 ms latency, bound 4"));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT odoo rt_known={rtKnown} rt_new={rtNew} rt_ship={rtShip} rt_invoice_pay={rtInvoicePay} rt_return_refund={rtReturnRefund} orders_per_s={ordersPerSecond:F1}"));
return 0;
