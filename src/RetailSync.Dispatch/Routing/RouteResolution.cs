using RetailSync.Events;
using RetailSync.Ledgers.CrossReferences;

namespace RetailSync.Dispatch.Routing;

/// <summary>
/// The instance an event goes to (business key + workflow), or the reference it must wait for, plus the
/// cross-references the event itself teaches us (recorded before it is raised).
/// </summary>
internal sealed record RouteResolution(
    RouteResolutionStatus Status,
    BusinessKey? Instance,
    string? Workflow,
    ExternalReference? WaitFor,
    IReadOnlyList<(string BusinessKey, ExternalReference Reference)> Links,
    string? Detail);
