namespace RetailSync.Ingestion;

/// <summary>The webhook sources RetailSync accepts (the <c>{source}</c> of <c>POST /api/webhooks/{source}</c>).</summary>
public static class WebhookSources
{
    public const string Shopify = "shopify";
    public const string Stripe = "stripe";
    public const string Loop = "loop";
    public const string Warehouse = "warehouse";
    public const string Pos = "pos";

    /// <summary>Every source above.</summary>
    public static IReadOnlyList<string> All { get; } = [Shopify, Stripe, Loop, Warehouse, Pos];
}
