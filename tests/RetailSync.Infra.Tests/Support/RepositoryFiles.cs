using System.Text.Json.Nodes;
using RetailSync.Testing;

namespace RetailSync.Infra.Tests.Support;

/// <summary>Reads repository files the tests check (host.json, local.settings.sample.json, workflows).</summary>
public static class RepositoryFiles
{
    public static string PathOf(string relativePath) => Path.Combine(RepositoryPaths.Root, relativePath);

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonObject ReadJson(string relativePath)
        => JsonNode.Parse(ReadText(relativePath))?.AsObject() ?? throw new InvalidOperationException($"{relativePath} is not a JSON object.");

    /// <summary>The Values of local.settings.sample.json, by name.</summary>
    public static IReadOnlyDictionary<string, string> SampleSettings()
        => ReadJson("local.settings.sample.json")["Values"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
}
