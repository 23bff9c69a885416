using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetailSync.Events;

/// <summary>
/// How canonical event data is written and read: camelCase properties, decimals as JSON numbers (exact),
/// instants as ISO-8601 with offset, nulls left out, enums as snake_case strings. Everyone reading
/// RetailSync CloudEvent data should use <see cref="Options"/> and <see cref="DataTypeOf"/>.
/// </summary>
public static class RetailEventJson
{
    private static readonly Dictionary<string, Type> DataTypes = new(StringComparer.Ordinal)
    {
        [RetailEventTypes.OrderPlaced] = typeof(OrderData),
        [RetailEventTypes.OrderUpdated] = typeof(OrderData),
        [RetailEventTypes.OrderCancelled] = typeof(OrderData),
        [RetailEventTypes.PaymentCaptured] = typeof(PaymentData),
        [RetailEventTypes.PaymentFailed] = typeof(PaymentData),
        [RetailEventTypes.PaymentDisputed] = typeof(DisputeData),
        [RetailEventTypes.ShipmentDispatched] = typeof(ShipmentData),
        [RetailEventTypes.ShipmentUpdated] = typeof(ShipmentData),
        [RetailEventTypes.ShipmentDelivered] = typeof(ShipmentData),
        [RetailEventTypes.ReturnRequested] = typeof(ReturnData),
        [RetailEventTypes.ReturnAuthorized] = typeof(ReturnData),
        [RetailEventTypes.ReturnUpdated] = typeof(ReturnData),
        [RetailEventTypes.ReturnClosed] = typeof(ReturnData),
        [RetailEventTypes.ReturnReceived] = typeof(ReturnReceiptData),
        [RetailEventTypes.RefundIssued] = typeof(RefundData),
        [RetailEventTypes.RefundUpdated] = typeof(RefundData),
        [RetailEventTypes.PayoutPaid] = typeof(PayoutData),
        [RetailEventTypes.StockAdjusted] = typeof(StockAdjustmentData),
    };

    /// <summary>Serializer options for canonical event data (read-only, shared).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The data record type of a canonical event type, or null for a type RetailSync does not define.</summary>
    public static Type? DataTypeOf(string eventType) => DataTypes.GetValueOrDefault(eventType);

    /// <summary>Reads the data of a canonical event as its record type.</summary>
    public static object? Deserialize(JsonElement data, string eventType)
    {
        var type = DataTypeOf(eventType) ?? throw new ArgumentException($"'{eventType}' is not a RetailSync event type.", nameof(eventType));
        return data.Deserialize(type, Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,

            // Machine-to-machine JSON, never embedded in HTML: keep '+', '<', '&' and non-ASCII text literal.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
