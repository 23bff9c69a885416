using System.Text.RegularExpressions;

namespace RetailSync.Infra.Tests.Support;

/// <summary>
/// Reads the Functions shell's source (it cannot be built here) for its functions: name, trigger and, for HTTP
/// triggers, methods and route. Function names are string literals or <c>nameof(X)</c>.
/// </summary>
public static partial class ShellSource
{
    public static string Directory => RepositoryFiles.PathOf("src/RetailSync.Functions");

    public static IReadOnlyList<ShellFunction> Functions()
    {
        var functions = new List<ShellFunction>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in FunctionDeclaration().Matches(text))
            {
                var name = match.Groups["literal"].Success ? match.Groups["literal"].Value : match.Groups["nameof"].Value;
                var signature = match.Groups["signature"].Value;
                var trigger = TriggerKind().Match(signature) is { Success: true } t ? t.Groups["kind"].Value : "Unknown";
                string[] methods = [];
                string? route = null;
                if (HttpTrigger().Match(signature) is { Success: true } http)
                {
                    methods = [.. http.Groups["method"].Captures.Select(c => c.Value.ToUpperInvariant())];
                    route = http.Groups["route"].Value;
                }

                functions.Add(new ShellFunction(name, trigger, methods, route, Path.GetRelativePath(Directory, file)));
            }
        }

        return functions;
    }

    // [Function("Name")] or [Function(nameof(Name))], then the method's parameter list up to the body.
    [GeneratedRegex(@"\[Function\((?:""(?<literal>[^""]+)""|nameof\((?<nameof>[A-Za-z0-9_.]+)\))\)\]\s*(?<signature>.*?\)\s*(?:=>|\{))", RegexOptions.Singleline)]
    private static partial Regex FunctionDeclaration();

    [GeneratedRegex(@"\[(?<kind>HttpTrigger|ServiceBusTrigger|OrchestrationTrigger|ActivityTrigger|TimerTrigger|EntityTrigger)\b")]
    private static partial Regex TriggerKind();

    [GeneratedRegex(@"\[HttpTrigger\(\s*AuthorizationLevel\.\w+\s*(?:,\s*""(?<method>[a-zA-Z]+)"")+\s*,\s*Route\s*=\s*""(?<route>[^""]*)""")]
    private static partial Regex HttpTrigger();
}
