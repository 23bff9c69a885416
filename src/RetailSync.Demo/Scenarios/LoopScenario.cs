using System.Globalization;
using System.Text.Json.Nodes;

namespace RetailSync.Demo.Scenarios;

/// <summary>Loop returns: a return opened, updated, restocked and closed, a retry and a label event RetailSync does not handle.</summary>
public sealed class LoopScenario : IDemoScenario
{
    public const long ReturnId = 880_001;

    /// <inheritdoc />
    public string Channel => "loop";

    /// <inheritdoc />
    public IReadOnlyList<DemoDelivery> Deliveries(DemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = context.OrderIds[4];
        return
        [
            context.Loop("return-created", Return(context, order, "return.created", "open", 0)),
            context.Loop("return-created", Return(context, order, "return.created", "open", 0), DemoExpectation.Duplicate, duplicateOf: "return-created"),
            context.Loop("return-updated", Return(context, order, "return.updated", "open", 5)),
            context.Loop("restock-requested", Return(context, order, "restock.requested", "open", 6)),
            context.Loop("return-closed", Return(context, order, "return.closed", "closed", 10)),
            context.Loop("label-created", "{\"topic\":\"label\",\"trigger\":\"label.created\",\"id\":1}", DemoExpectation.Ignored),
            context.Loop("return-missing-lines", "{\"topic\":\"return\",\"trigger\":\"return.created\",\"id\":2,\"created_at\":\"2026-11-23T10:00:00Z\"}", DemoExpectation.Rejected, 400),
        ];
    }

    private static string Return(DemoContext context, long orderId, string trigger, string state, int minutes) => new JsonObject
    {
        ["topic"] = trigger.StartsWith("restock", StringComparison.Ordinal) ? "restock" : "return",
        ["trigger"] = trigger,
        ["id"] = ReturnId,
        ["state"] = state,
        ["created_at"] = context.Now.AddMinutes(-30).ToString("O", CultureInfo.InvariantCulture),
        ["updated_at"] = context.Now.AddMinutes(-30 + minutes).ToString("O", CultureInfo.InvariantCulture),
        ["provider_order_id"] = orderId.ToString(CultureInfo.InvariantCulture),
        ["currency"] = "EUR",
        ["refund"] = "79.50",
        ["line_items"] = new JsonArray(new JsonObject
        {
            ["provider_line_item_id"] = (orderId * 10).ToString(CultureInfo.InvariantCulture), ["sku"] = "NW-FLC-014", ["title"] = "Grid fleece",
            ["price"] = "79.50", ["return_reason"] = "Too large",
        }),
    }.ToJsonString();
}
