namespace RetailSync.Sandbox.Odoo;

/// <summary>
/// A product seeded into the sandbox: SKU (<c>default_code</c>), name, list price, on-hand quantity in
/// WH/Stock and invoicing policy (<c>order</c> or <c>delivery</c>). <paramref name="Storable"/> false seeds a
/// consumable; <paramref name="Service"/> true seeds a service (shipping, fees), never stocked.
/// </summary>
public sealed record SandboxProduct(
    string Sku,
    string Name,
    decimal ListPrice,
    decimal OnHand,
    string InvoicePolicy = "order",
    bool Storable = true,
    bool Service = false);
