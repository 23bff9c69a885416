namespace RetailSync.Ingestion;

/// <summary>Per-source settings (<c>Webhooks:&lt;Source&gt;:...</c>). The signing secrets themselves are read
/// through the secret store under <c>Webhooks:&lt;Source&gt;:Secrets</c> (Shopify: <c>Webhooks:Shopify:Shops:&lt;domain&gt;:Secrets</c>).</summary>
public sealed record WebhookSourceOptions
{
    /// <summary>How far a signed timestamp may be from now (<c>Webhooks:&lt;Source&gt;:ToleranceSeconds</c>, default 300) for sources that sign one.</summary>
    public int ToleranceSeconds { get; init; } = 300;

    /// <summary>Loop only: the Shopify shop its returns belong to (<c>Webhooks:Loop:ShopDomain</c>), so returns link to Shopify orders.</summary>
    public string? ShopDomain { get; init; }
}
