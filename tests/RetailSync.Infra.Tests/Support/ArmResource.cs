using System.Text.Json.Nodes;

namespace RetailSync.Infra.Tests.Support;

/// <summary>
/// One resource of a compiled ARM template, with the chain of module deployments that contains it
/// (outermost first), so parameter references can be followed up to <c>main.bicep</c>.
/// </summary>
public sealed record ArmResource(string Type, string Name, JsonObject Node, IReadOnlyList<JsonObject> Modules)
{
    public JsonObject Properties => Node["properties"]?.AsObject() ?? throw new InvalidOperationException($"{Type} has no properties.");

    public bool IsExisting => Node["existing"]?.GetValue<bool>() == true;

    /// <summary>The value at a '.'-separated path under the resource, or null.</summary>
    public JsonNode? At(string path)
    {
        JsonNode? node = Node;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    /// <summary>
    /// Follows <c>[parameters('x')]</c> through the module chain: returns the expression or literal it finally
    /// comes from in the outermost template (e.g. <c>[parameters('functionMaximumInstanceCount')]</c> of main).
    /// </summary>
    public string Trace(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        for (var i = Modules.Count - 1; i >= 0; i--)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var expression) || !ArmTemplate.TryParseParameterReference(expression, out var name))
            {
                break;
            }

            value = Modules[i]["properties"]?["parameters"]?[name]?["value"];
            text = value?.ToJsonString() ?? "null";
        }

        return value is JsonValue s && s.TryGetValue<string>(out var str) ? str : text;
    }
}
