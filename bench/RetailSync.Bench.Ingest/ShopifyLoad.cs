using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RetailSync.Ingestion.Signing;

namespace RetailSync.Bench.Ingest;

/// <summary>Signed ~6 KB Shopify <c>orders/create</c> deliveries, each a different order (so nothing is a redelivery).</summary>
internal static class ShopifyLoad
{
    public const string Shop = "bench.myshopify.com";
    public const string Secret = "bench-shopify-secret";

    // The load generator builds a body for every request, on the same two cores as the code it measures. Building it
    // through the JSON DOM cost about a tenth of this process's CPU under load (dotnet-trace, 2026-12-03), for the
    // bare endpoint and the local host alike. So a 10-digit order id is patched into a body built once: every place
    // the id goes (the order id, the line ids, which are id * 100 + line, the names and the payment reference) holds
    // its ten digits as they are, so writing other digits over them gives the body Build would give (checked once,
    // below). Other ids go through Build.
    private const long TemplateId = 9_876_504_321;
    private static readonly byte[] Template = Build(TemplateId);
    private static readonly int[] IdOffsets = FindIdOffsets();

    public static byte[] Body(long orderId)
    {
        if (orderId is < 1_000_000_000 or > 9_999_999_999)
        {
            return Build(orderId);
        }

        return Patch(orderId, IdOffsets);
    }

    /// <summary>The template with <paramref name="orderId"/>'s ten digits written at each of <paramref name="offsets"/>.</summary>
    private static byte[] Patch(long orderId, int[] offsets)
    {
        var body = (byte[])Template.Clone();
        Span<byte> digits = stackalloc byte[10];
        orderId.TryFormat(digits, out _, default, CultureInfo.InvariantCulture);
        foreach (var offset in offsets)
        {
            digits.CopyTo(body.AsSpan(offset));
        }

        return body;
    }

    private static int[] FindIdOffsets()
    {
        var id = Encoding.UTF8.GetBytes(TemplateId.ToString(CultureInfo.InvariantCulture));
        var offsets = new List<int>();
        var template = Template.AsSpan();
        for (int start = 0, next; (next = template[start..].IndexOf(id)) >= 0; start += next + id.Length)
        {
            offsets.Add(start + next);
        }

        int[] found = [.. offsets];
        const long probe = 9_000_000_007;
        if (!Patch(probe, found).AsSpan().SequenceEqual(Build(probe)))
        {
            throw new InvalidOperationException("The patched order body differs from the built one: fix ShopifyLoad's template.");
        }

        return found;
    }

    private static byte[] Build(long orderId)
    {
        var lines = new JsonArray();
        for (var i = 0; i < 12; i++)
        {
            lines.Add(new JsonObject
            {
                ["id"] = orderId * 100 + i,
                ["admin_graphql_api_id"] = $"gid://shopify/LineItem/{orderId * 100 + i}",
                ["sku"] = $"SKU-{i:D4}-BLUE-M",
                ["title"] = "Organic cotton t-shirt, regular fit",
                ["name"] = "Organic cotton t-shirt, regular fit - Blue / M",
                ["vendor"] = "Northwind",
                ["quantity"] = 1 + (i % 3),
                ["price"] = "24.95",
                ["total_discount"] = "0.00",
                ["product_id"] = 632910392 + i,
                ["variant_id"] = 808950810 + i,
                ["requires_shipping"] = true,
                ["taxable"] = true,
                ["grams"] = 180,
                ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "VAT", ["rate"] = 0.21, ["price"] = "4.33" }),
                ["discount_allocations"] = new JsonArray(),
            });
        }

        var order = new JsonObject
        {
            ["id"] = orderId,
            ["admin_graphql_api_id"] = $"gid://shopify/Order/{orderId}",
            ["name"] = "#" + orderId.ToString(CultureInfo.InvariantCulture),
            ["email"] = "bench@example.com",
            ["currency"] = "EUR",
            ["presentment_currency"] = "EUR",
            ["taxes_included"] = true,
            ["financial_status"] = "paid",
            ["created_at"] = "2026-11-23T10:00:00+01:00",
            ["updated_at"] = "2026-11-23T10:00:05+01:00",
            ["subtotal_price"] = "449.10",
            ["total_discounts"] = "0.00",
            ["total_tax"] = "78.80",
            ["total_price"] = "454.05",
            ["customer"] = new JsonObject { ["id"] = 115310627314723954, ["email"] = "bench@example.com", ["first_name"] = "Bench", ["last_name"] = "Mark" },
            ["billing_address"] = new JsonObject { ["country_code"] = "NL", ["city"] = "Amsterdam", ["zip"] = "1011 AB", ["address1"] = "Damrak 1" },
            ["shipping_address"] = new JsonObject { ["country_code"] = "NL", ["city"] = "Amsterdam", ["zip"] = "1011 AB", ["address1"] = "Damrak 1" },
            ["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "payment_intent", ["value"] = $"pi_3Bench{orderId}" }),
            ["line_items"] = lines,
            ["shipping_lines"] = new JsonArray(new JsonObject { ["title"] = "Standard", ["price"] = "4.95", ["tax_lines"] = new JsonArray() }),
            ["discount_codes"] = new JsonArray(),
        };
        return Encoding.UTF8.GetBytes(order.ToJsonString());
    }

    public static HttpRequestMessage Request(Uri url, long orderId)
    {
        var body = Body(orderId);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", "orders/create");
        request.Headers.Add("X-Shopify-Shop-Domain", Shop);
        request.Headers.Add("X-Shopify-Webhook-Id", "bench-" + orderId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Shopify-Hmac-Sha256", WebhookSigner.BodyHmacBase64(Secret, body));
        return request;
    }
}
