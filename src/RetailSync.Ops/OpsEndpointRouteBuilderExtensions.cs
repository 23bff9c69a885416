using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RetailSync.Ops.Exceptions;
using RetailSync.Ops.Workflows;

namespace RetailSync.Ops;

/// <summary>Maps the operator endpoints under <c>/api/ops</c>.</summary>
public static class OpsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>GET /api/ops/workflows/{instanceId}</c>, <c>POST /api/ops/workflows/{instanceId}/resolve</c> and
    /// <c>GET /api/ops/exceptions?pageSize=&amp;continuationToken=</c>. Returns the group so the host can add
    /// authorization (<c>RequireAuthorization</c>): these endpoints change workflows.
    /// </summary>
    public static RouteGroupBuilder MapRetailSyncOps(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/ops");
        group.MapGet("/workflows/{instanceId}", (string instanceId, WorkflowOpsHandler handler, CancellationToken cancellationToken) =>
            OpsResults.GetWorkflowAsync(handler, instanceId, cancellationToken));
        group.MapPost("/workflows/{instanceId}/resolve", (string instanceId, ResolveRequest? request, WorkflowOpsHandler handler, CancellationToken cancellationToken) =>
            OpsResults.ResolveWorkflowAsync(handler, instanceId, request, cancellationToken));
        group.MapGet("/exceptions", async (int? pageSize, string? continuationToken, ExceptionOpsHandler handler, CancellationToken cancellationToken) =>
            Results.Ok(await handler.ListOpenAsync(pageSize, continuationToken, cancellationToken)));
        return group;
    }
}
