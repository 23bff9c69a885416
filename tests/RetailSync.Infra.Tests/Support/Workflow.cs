using YamlDotNet.RepresentationModel;

namespace RetailSync.Infra.Tests.Support;

/// <summary>A GitHub Actions workflow file, parsed.</summary>
public sealed class Workflow
{
    private Workflow(string relativePath, string text, YamlMappingNode root)
    {
        RelativePath = relativePath;
        Text = text;
        Root = root;
    }

    public string RelativePath { get; }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public IReadOnlyDictionary<string, YamlMappingNode> Jobs
        => ((YamlMappingNode)Root["jobs"]).Children.ToDictionary(j => ((YamlScalarNode)j.Key).Value!, j => (YamlMappingNode)j.Value);

    public static IReadOnlyList<Workflow> All()
        => [.. Directory.GetFiles(RepositoryFiles.PathOf(".github/workflows"), "*.yml").Order().Select(f => Load(Path.GetRelativePath(RepositoryFiles.PathOf("."), f)))];

    public static Workflow Load(string relativePath)
    {
        var text = RepositoryFiles.ReadText(relativePath);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new Workflow(relativePath, text, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    public static string? Scalar(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job)
        => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    public override string ToString() => RelativePath;
}
