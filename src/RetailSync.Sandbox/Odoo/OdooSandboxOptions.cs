namespace RetailSync.Sandbox.Odoo;

/// <summary>How a sandbox Odoo is set up: the version it behaves as, credentials and seeded catalogue.</summary>
public sealed record OdooSandboxOptions
{
    /// <summary>The default catalogue: twelve SKUs with stock, one out of stock, one invoiced on delivery, and a shipping service.</summary>
    public static IReadOnlyList<SandboxProduct> DefaultProducts { get; } =
    [
        new("TEE-BLK-S", "Organic Tee Black S", 25.00m, 40),
        new("TEE-BLK-M", "Organic Tee Black M", 25.00m, 60),
        new("TEE-BLK-L", "Organic Tee Black L", 25.00m, 35),
        new("TEE-WHT-M", "Organic Tee White M", 25.00m, 50),
        new("HOODIE-GRY-M", "Heavyweight Hoodie Grey M", 69.00m, 20),
        new("HOODIE-GRY-L", "Heavyweight Hoodie Grey L", 69.00m, 12),
        new("CAP-NVY", "Canvas Cap Navy", 19.50m, 80),
        new("MUG-LOGO", "Enamel Mug", 14.00m, 100),
        new("BAG-TOTE", "Canvas Tote Bag", 18.00m, 3),
        new("SOCK-3PK", "Merino Socks 3-Pack", 22.00m, 0),
        new("GIFT-WRAP", "Gift Wrapping", 4.50m, 0, Storable: false),
        new("JACKET-RAIN-M", "Rain Jacket M", 129.00m, 8, InvoicePolicy: "delivery"),
        new("SHIP-STD", "Standard Shipping", 6.95m, 0, Storable: false, Service: true),
    ];

    /// <summary>Odoo major version to behave as: 17, 18 or 19 (19 adds JSON-2).</summary>
    public int Version { get; init; } = 17;

    public string Database { get; init; } = "retailsync";

    public string Login { get; init; } = "admin";

    public string ApiKey { get; init; } = "sandbox-api-key";

    public IReadOnlyList<SandboxProduct> Products { get; init; } = DefaultProducts;

    /// <summary>Seed of the fault-injection random source; null draws a random seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Clock for dates, sequence years and injected delays (defaults to the system clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
