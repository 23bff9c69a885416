using System.Text.Json;

namespace RetailSync.Ops.Workflows;

/// <summary>Reads the parts of a workflow's custom status the ops endpoints use (<c>parked.exceptionId</c>, <c>history</c>).</summary>
internal static class WorkflowStatusReader
{
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? ParkedExceptionId(JsonElement? status) =>
        status is { ValueKind: JsonValueKind.Object } s
        && s.TryGetProperty("parked", out var parked) && parked.ValueKind == JsonValueKind.Object
        && parked.TryGetProperty("exceptionId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    public static string? AwaitingApprovalId(JsonElement? status) =>
        status is { ValueKind: JsonValueKind.Object } s
        && s.TryGetProperty("awaitingApproval", out var approval) && approval.ValueKind == JsonValueKind.Object
        && approval.TryGetProperty("approvalId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    public static IReadOnlyList<string> History(JsonElement? status) =>
        status is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array
            ? history.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
