using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RetailSync.Workflows.Analyzers;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.Tests.Analyzers;

public sealed class DeterminismAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using RetailSync.Workflows.Orchestration;
        """;

    private static string InOrchestrator(string body) => Usings + $$"""

        public sealed class Flow : Orchestrator<string, string>
        {
            public override async Task<string> RunAsync(OrchestrationContext context, string input)
            {
                {{body}}
                await Task.CompletedTask;
                return input;
            }
        }
        """;

    [Theory]
    [InlineData("var t = DateTime.UtcNow;", "RSWF0001")]
    [InlineData("var t = DateTime.Now;", "RSWF0001")]
    [InlineData("var t = DateTime.Today;", "RSWF0001")]
    [InlineData("var t = DateTimeOffset.UtcNow;", "RSWF0001")]
    [InlineData("var t = TimeProvider.System.GetUtcNow();", "RSWF0001")]
    [InlineData("var t = Environment.TickCount64;", "RSWF0001")]
    [InlineData("var s = Stopwatch.StartNew();", "RSWF0001")]
    [InlineData("var g = Guid.NewGuid();", "RSWF0002")]
    [InlineData("Thread.Sleep(10);", "RSWF0003")]
    [InlineData("await Task.Delay(10);", "RSWF0003")]
    [InlineData("await Task.Run(() => 1);", "RSWF0004")]
    [InlineData("var n = new Random().Next();", "RSWF0005")]
    [InlineData("var n = Random.Shared.Next();", "RSWF0005")]
    [InlineData("using var http = new HttpClient();", "RSWF0006")]
    [InlineData("var text = File.ReadAllText(\"x\");", "RSWF0006")]
    public void Nondeterministic_calls_in_an_orchestrator_are_errors(string statement, string id)
    {
        var diagnostics = Analyze(InOrchestrator(statement));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Lambdas_and_helpers_taking_an_OrchestrationContext_are_checked_too()
    {
        var source = Usings + """

            public static class Helpers
            {
                public static Guid MakeId(OrchestrationContext context) => Guid.NewGuid();

                public static Func<DateTime> Clock(OrchestrationContext context) => () => DateTime.UtcNow;
            }
            """;

        var ids = Analyze(source).Select(d => d.Id).OrderBy(i => i).ToList();

        Assert.Equal(["RSWF0001", "RSWF0002"], ids);
    }

    [Fact]
    public void The_context_API_and_ordinary_code_are_allowed()
    {
        var source = InOrchestrator("""
            var now = context.CurrentUtcDateTime;
            var id = context.NewGuid();
            await context.CreateTimer(now.AddMinutes(5), CancellationToken.None);
            var parsed = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
            var later = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var results = await Task.WhenAll(context.CallActivityAsync<int>("A"), context.CallActivityAsync<int>("B"));
            """);

        Assert.Empty(Analyze(source));
    }

    [Fact]
    public void Activities_and_other_classes_may_use_the_clock_and_io()
    {
        var source = Usings + """

            public sealed class Fetch : Activity<string, string>
            {
                public override async Task<string> RunAsync(RetailSync.Workflows.Orchestration.ActivityContext context, string input, CancellationToken cancellationToken)
                {
                    using var http = new HttpClient();
                    await Task.Delay(1, cancellationToken);
                    return DateTime.UtcNow.ToString("o") + Guid.NewGuid();
                }
            }
            """;

        Assert.Empty(Analyze(source));
    }

    private static readonly MetadataReference[] References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .Append(MetadataReference.CreateFromFile(typeof(Orchestrator<,>).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location))
        .ToArray();

    private static ImmutableArray<Diagnostic> Analyze(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the snippet compiles: " + string.Join("; ", errors));
        return compilation.WithAnalyzers([new DeterminismAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
