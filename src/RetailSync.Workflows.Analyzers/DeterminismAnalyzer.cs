using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RetailSync.Workflows.Analyzers;

/// <summary>
/// Flags clock, GUID, sleep, thread, random and I/O use inside orchestrators: classes deriving from
/// <c>RetailSync.Workflows.Orchestration.Orchestrator&lt;TInput, TOutput&gt;</c> and methods taking an
/// <c>OrchestrationContext</c>. Lambdas and local functions inside them count too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeterminismAnalyzer : DiagnosticAnalyzer
{
    private const string OrchestratorMetadataName = "RetailSync.Workflows.Orchestration.Orchestrator`2";
    private const string ContextMetadataName = "RetailSync.Workflows.Orchestration.OrchestrationContext";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DeterminismDiagnostics.Clock,
        DeterminismDiagnostics.RandomGuid,
        DeterminismDiagnostics.Sleep,
        DeterminismDiagnostics.Threads,
        DeterminismDiagnostics.Random,
        DeterminismDiagnostics.InputOutput);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var orchestrator = start.Compilation.GetTypeByMetadataName(OrchestratorMetadataName);
            var orchestrationContext = start.Compilation.GetTypeByMetadataName(ContextMetadataName);
            if (orchestrator is null && orchestrationContext is null)
            {
                return;
            }

            var scope = new OrchestratorScope(orchestrator, orchestrationContext);
            start.RegisterOperationAction(
                c => Analyze(c, scope),
                OperationKind.PropertyReference,
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, OrchestratorScope scope)
    {
        if (!scope.Contains(context.ContainingSymbol))
        {
            return;
        }

        var (member, type) = Target(context.Operation);
        if (member is null || type is null)
        {
            return;
        }

        // One report per expression: `Random.Shared.Next()` is reported at `Random.Shared`, not again at `.Next()`.
        var receiver = context.Operation switch
        {
            IInvocationOperation i => i.Instance,
            IPropertyReferenceOperation p => p.Instance,
            _ => null,
        };
        var (receiverMember, receiverType) = Target(receiver);
        if (receiverMember is not null && receiverType is not null && Classify(receiverMember, receiverType) is not null)
        {
            return;
        }

        var rule = Classify(member, type);
        if (rule is not null)
        {
            var name = member is INamedTypeSymbol ? "new " + type.Name : type.Name + "." + member.Name;
            context.ReportDiagnostic(Diagnostic.Create(rule, context.Operation.Syntax.GetLocation(), name));
        }
    }

    private static (ISymbol? Member, INamedTypeSymbol? Type) Target(IOperation? operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation property:
                return (property.Property, property.Property.ContainingType);
            case IInvocationOperation invocation:
                return (invocation.TargetMethod, invocation.TargetMethod.ContainingType);
            case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol created:
                return (created, created);
            default:
                return (null, null);
        }
    }

    private static DiagnosticDescriptor? Classify(ISymbol member, INamedTypeSymbol type)
    {
        var typeName = type.ToDisplayString();
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        switch (typeName)
        {
            case "System.DateTime" when member.Name is "Now" or "UtcNow" or "Today":
            case "System.DateTimeOffset" when member.Name is "Now" or "UtcNow":
            case "System.Environment" when member.Name is "TickCount" or "TickCount64":
            case "System.TimeProvider":
            case "System.Diagnostics.Stopwatch":
                return DeterminismDiagnostics.Clock;
            case "System.Guid" when member.Name == "NewGuid":
                return DeterminismDiagnostics.RandomGuid;
            case "System.Threading.Thread" when member.Name == "Sleep":
            case "System.Threading.Tasks.Task" when member.Name == "Delay":
                return DeterminismDiagnostics.Sleep;
            case "System.Threading.Tasks.Task" when member.Name == "Run":
            case "System.Threading.Tasks.TaskFactory" when member.Name == "StartNew":
            case "System.Threading.Thread":
            case "System.Threading.ThreadPool":
            case "System.Threading.Timer":
                return DeterminismDiagnostics.Threads;
            case "System.Random":
                return DeterminismDiagnostics.Random;
            default:
                break;
        }

        if (IsIn(ns, "System.IO") || IsIn(ns, "System.Net"))
        {
            return DeterminismDiagnostics.InputOutput;
        }

        return null;
    }

    private static bool IsIn(string ns, string root) => ns == root || ns.StartsWith(root + ".", System.StringComparison.Ordinal);

    /// <summary>Decides whether a member's code is orchestrator code.</summary>
    private sealed class OrchestratorScope
    {
        private readonly INamedTypeSymbol? _orchestrator;
        private readonly INamedTypeSymbol? _context;

        public OrchestratorScope(INamedTypeSymbol? orchestrator, INamedTypeSymbol? context)
        {
            _orchestrator = orchestrator;
            _context = context;
        }

        public bool Contains(ISymbol? symbol)
        {
            for (var s = symbol; s is not null; s = s.ContainingSymbol)
            {
                if (s is IMethodSymbol method && _context is not null && method.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, _context)))
                {
                    return true;
                }

                if (s is INamedTypeSymbol type && DerivesFromOrchestrator(type))
                {
                    return true;
                }
            }

            return false;
        }

        private bool DerivesFromOrchestrator(INamedTypeSymbol type)
        {
            if (_orchestrator is null)
            {
                return false;
            }

            for (var t = type.BaseType; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, _orchestrator))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
