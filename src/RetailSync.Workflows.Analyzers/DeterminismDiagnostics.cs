using Microsoft.CodeAnalysis;

namespace RetailSync.Workflows.Analyzers;

/// <summary>The determinism rules for orchestrator code (like Durable's DURABLE0001-0005).</summary>
public static class DeterminismDiagnostics
{
    private const string Category = "Determinism";
    private const string Help = "Orchestrator code is replayed and must be deterministic: use the OrchestrationContext, and do I/O in activities.";

    public static readonly DiagnosticDescriptor Clock = Create("RSWF0001", "Orchestrator code reads the clock",
        "'{0}' reads the clock in orchestrator code; use context.CurrentUtcDateTime");

    public static readonly DiagnosticDescriptor RandomGuid = Create("RSWF0002", "Orchestrator code makes a random GUID",
        "'{0}' makes a different GUID on every replay; use context.NewGuid()");

    public static readonly DiagnosticDescriptor Sleep = Create("RSWF0003", "Orchestrator code sleeps or delays",
        "'{0}' waits outside history; use context.CreateTimer");

    public static readonly DiagnosticDescriptor Threads = Create("RSWF0004", "Orchestrator code starts threads or tasks",
        "'{0}' runs code outside the orchestrator's single thread; call an activity instead");

    public static readonly DiagnosticDescriptor Random = Create("RSWF0005", "Orchestrator code uses random numbers",
        "'{0}' gives different values on replay; make random values in an activity");

    public static readonly DiagnosticDescriptor InputOutput = Create("RSWF0006", "Orchestrator code does I/O",
        "'{0}' does I/O in orchestrator code; do it in an activity");

    private static DiagnosticDescriptor Create(string id, string title, string message)
        => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Help);
}
