using System.Reflection;
using System.Text.RegularExpressions;

namespace RetailSync.Infra.Tests.Support;

/// <summary>
/// Reads the Functions shell's source (it cannot be built here) for its functions: name, trigger and, for HTTP
/// triggers, methods and route. Function names are string literals, <c>nameof(X)</c>, or a library constant
/// (<c>OrderToCashNames.Workflow</c>), which is resolved by reflection over the RetailSync assemblies the tests
/// reference, so a renamed constant fails here as it would fail the shell's build.
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
            // Commented-out code declares nothing.
            var text = Comment().Replace(File.ReadAllText(file), string.Empty);
            foreach (Match match in FunctionDeclaration().Matches(text))
            {
                var name = match.Groups["literal"].Success ? match.Groups["literal"].Value
                    : match.Groups["nameof"].Success ? match.Groups["nameof"].Value.Split('.')[^1]
                    : ResolveConstant(match.Groups["constant"].Value);
                var signature = match.Groups["signature"].Value;
                var trigger = TriggerKind().Match(signature) is { Success: true } t ? t.Groups["kind"].Value : "Unknown";
                string[] methods = [];
                string? route = null;
                if (HttpTrigger().Match(signature) is { Success: true } http)
                {
                    methods = [.. http.Groups["method"].Captures.Select(c => c.Value.ToUpperInvariant())];
                    route = http.Groups["route"].Value;
                }

                var inputType = trigger switch
                {
                    "ActivityTrigger" => ActivityInput().Match(signature) is { Success: true } a ? a.Groups["type"].Value : null,
                    "OrchestrationTrigger" => OrchestratorInput().Match(match.Groups["body"].Value) is { Success: true } o ? o.Groups["type"].Value : null,
                    _ => null,
                };

                functions.Add(new ShellFunction(name, trigger, methods, route, Path.GetRelativePath(Directory, file), inputType));
            }
        }

        return functions;
    }

    /// <summary>The value of <c>Type.Constant</c> from a RetailSync assembly; throws when no such constant exists.</summary>
    public static string ResolveConstant(string expression)
    {
        var dot = expression.LastIndexOf('.');
        var typeName = expression[..dot].Split('.')[^1];
        var fieldName = expression[(dot + 1)..];
        var values = RetailSyncAssemblies()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name == typeName)
            .Select(t => t.GetField(fieldName, BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f!.GetRawConstantValue()!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return values.Count == 1
            ? values[0]
            : throw new InvalidOperationException($"[Function({expression})]: {values.Count} string constants match in the RetailSync libraries.");
    }

    /// <summary>Every RetailSync library assembly the tests reference (directly or not), loaded.</summary>
    public static IReadOnlyList<Assembly> RetailSyncAssemblies()
    {
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(ShellSource).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("RetailSync.", StringComparison.Ordinal)))
            {
                if (!seen.ContainsKey(reference.Name!))
                {
                    var loaded = Assembly.Load(reference);
                    seen[reference.Name!] = loaded;
                    pending.Push(loaded);
                }
            }
        }

        return [.. seen.Values.Where(a => a.GetName().Name is not ("RetailSync.Testing" or "RetailSync.Infra.Tests"))];
    }

    // [Function("Name")], [Function(nameof(Name))] or [Function(Type.Constant)], then the method's parameter list up
    // to the body, and the first statement of an expression body.
    [GeneratedRegex(
        @"\[Function\((?:""(?<literal>[^""]+)""|nameof\((?<nameof>[A-Za-z0-9_.]+)\)|(?<constant>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+))\)\]\s*(?<signature>.*?\)\s*(?:=>|\{))(?<body>[^;]*)",
        RegexOptions.Singleline)]
    private static partial Regex FunctionDeclaration();

    // Whole-line comments (// and ///, so commented-out functions) and block comments.
    [GeneratedRegex(@"^[ \t]*//[^\n]*$|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\[(?<kind>HttpTrigger|ServiceBusTrigger|OrchestrationTrigger|ActivityTrigger|TimerTrigger|EntityTrigger)\b")]
    private static partial Regex TriggerKind();

    [GeneratedRegex(@"\[HttpTrigger\(\s*AuthorizationLevel\.\w+\s*(?:,\s*""(?<method>[a-zA-Z]+)"")+\s*,\s*Route\s*=\s*""(?<route>[^""]*)""")]
    private static partial Regex HttpTrigger();

    [GeneratedRegex(@"\[ActivityTrigger\]\s*(?<type>[A-Za-z0-9_.<>?, ]+?)\s+[A-Za-z_][A-Za-z0-9_]*\s*[,)]")]
    private static partial Regex ActivityInput();

    [GeneratedRegex(@"RunOrchestratorAsync<(?<type>[A-Za-z0-9_.<>?, ]+)>\(")]
    private static partial Regex OrchestratorInput();
}
