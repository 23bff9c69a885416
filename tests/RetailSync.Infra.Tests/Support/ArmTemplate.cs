using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RetailSync.Infra.Tests.Support;

/// <summary>A compiled ARM template (what <c>bicep build</c> emits), with its nested module templates flattened.</summary>
public sealed partial class ArmTemplate
{
    public ArmTemplate(string json)
    {
        Root = JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("Not a JSON object.", nameof(json));
        Json = json;
        Resources = [.. Enumerate(Root, [])];
    }

    public JsonObject Root { get; }

    public string Json { get; }

    /// <summary>Every resource, in main and in every module, existing references included.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public JsonObject Parameters => Root["parameters"]!.AsObject();

    /// <summary>The deployed (not <c>existing</c>) resources of a type.</summary>
    public IReadOnlyList<ArmResource> OfType(string type)
        => [.. Resources.Where(r => !r.IsExisting && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one deployed resource of a type.</summary>
    public ArmResource One(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The module deployment (Microsoft.Resources/deployments) with this deployment name.</summary>
    public ArmResource Module(string deploymentName)
        => OfType("Microsoft.Resources/deployments").Single(r => r.Name == deploymentName);

    public static bool TryParseParameterReference(string expression, [NotNullWhen(true)] out string? name)
    {
        var match = ParameterReference().Match(expression);
        name = match.Success ? match.Groups["name"].Value : null;
        return match.Success;
    }

    private static IEnumerable<ArmResource> Enumerate(JsonObject template, IReadOnlyList<JsonObject> modules)
    {
        var resources = template["resources"] switch
        {
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
            JsonArray array => array.Select(n => n!.AsObject()),
            _ => [],
        };

        foreach (var resource in resources)
        {
            var type = resource["type"]!.GetValue<string>();
            var name = resource["name"]?.GetValue<string>() ?? string.Empty;
            yield return new ArmResource(type, name, resource, modules);
            if (type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Enumerate(nested, [.. modules, resource]))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"^\[parameters\('(?<name>[A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex ParameterReference();
}
