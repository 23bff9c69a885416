namespace RetailSync.Odoo;

/// <summary>
/// Settings of <see cref="OdooClient"/>, bound from the configuration section <c>Odoo</c>.
/// One set of options describes one Odoo database; the concurrency bound applies to that database.
/// </summary>
public sealed record OdooClientOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Odoo";

    /// <summary>Root URL of the Odoo server, e.g. <c>https://erp.example.com/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Database name (sent as <c>X-Odoo-Database</c> on JSON-2, as the first execute_kw argument on JSON-RPC).</summary>
    public string Database { get; set; } = string.Empty;

    /// <summary>Login of the integration user (JSON-RPC only; JSON-2 identifies the user by the key).</summary>
    public string Login { get; set; } = string.Empty;

    /// <summary>API key of the integration user; in Azure it comes from Key Vault. Never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Pins the Odoo major version (17, 18, 19...). When null it is detected once through <c>common.version</c>.</summary>
    public int? Version { get; set; }

    /// <summary>Calls in flight against this database at most (a flash sale must not flatten the ERP).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Calls that may wait for a free slot before new ones are refused as transient.</summary>
    public int MaxQueuedCalls { get; set; } = 10_000;

    /// <summary>Time limit of one HTTP attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry of transient failures.</summary>
    public OdooRetryOptions Retry { get; set; } = new();

    /// <summary>Circuit breaker in front of the server.</summary>
    public OdooCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>How long product ids by SKU and static ids (warehouse, locations, journals) are trusted.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>SKU (<c>default_code</c>) of the service product used for shipping lines.</summary>
    public string ShippingProductSku { get; set; } = "SHIP";

    /// <summary>Default price policy when a sale order request does not name one.</summary>
    public OdooPricePolicy PricePolicy { get; set; } = OdooPricePolicy.ChannelPrice;

    /// <summary>Journal code per payment gateway (e.g. <c>stripe</c> -> <c>STRP</c>); keys are case-insensitive.</summary>
    public Dictionary<string, string> PaymentJournals { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Journal code used for a gateway missing from <see cref="PaymentJournals"/>; when null the first bank journal is used.</summary>
    public string? DefaultPaymentJournalCode { get; set; }

    /// <summary>Full name (<c>complete_name</c>) of the quarantine location returns can be received into.</summary>
    public string QuarantineLocation { get; set; } = "WH/Quarantine";

    /// <summary>Full name (<c>complete_name</c>) of the location holding goods going back to the vendor.</summary>
    public string VendorReturnLocation { get; set; } = "WH/Vendor Returns";

    /// <summary>User-Agent sent on every call.</summary>
    public string UserAgent { get; set; } = "RetailSync-Odoo/1.0";

    internal void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri)
        {
            throw new InvalidOperationException("Odoo:BaseUrl must be an absolute URL.");
        }

        if (string.IsNullOrWhiteSpace(Database))
        {
            throw new InvalidOperationException("Odoo:Database is required.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new InvalidOperationException("Odoo:ApiKey is required.");
        }

        if (MaxConcurrency < 1)
        {
            throw new InvalidOperationException("Odoo:MaxConcurrency must be at least 1.");
        }

        if (Version is < 8)
        {
            throw new InvalidOperationException("Odoo:Version must be a major version such as 17, 18 or 19.");
        }
    }
}
