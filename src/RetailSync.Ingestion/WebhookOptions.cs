namespace RetailSync.Ingestion;

/// <summary>Webhook sources (configuration section <c>Webhooks</c>).</summary>
public sealed record WebhookOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Webhooks";

    public WebhookSourceOptions Shopify { get; init; } = new();

    public WebhookSourceOptions Stripe { get; init; } = new();

    public WebhookSourceOptions Loop { get; init; } = new();

    public WebhookSourceOptions Warehouse { get; init; } = new();

    public WebhookSourceOptions Pos { get; init; } = new();

    /// <summary>The secret store name of a source's signing secrets.</summary>
    public static string SecretsName(string source) => source switch
    {
        WebhookSources.Shopify => throw new ArgumentException("Shopify secrets are per shop; use ShopifySecretsName.", nameof(source)),
        WebhookSources.Stripe => "Webhooks:Stripe:Secrets",
        WebhookSources.Loop => "Webhooks:Loop:Secrets",
        WebhookSources.Warehouse => "Webhooks:Warehouse:Secrets",
        WebhookSources.Pos => "Webhooks:Pos:Secrets",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown webhook source."),
    };

    /// <summary>The secret store name of one Shopify shop's signing secrets.</summary>
    public static string ShopifySecretsName(string shopDomain) => $"Webhooks:Shopify:Shops:{shopDomain}:Secrets";
}
