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
        group.MapGet("/workflows/{instanceId}", async (string instanceId, WorkflowOpsHandler handler, CancellationToken cancellationToken) =>
            await handler.GetAsync(instanceId, cancellationToken) is { } view
                ? Results.Ok(view)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No workflow instance '{instanceId}'."));
        group.MapPost("/workflows/{instanceId}/resolve", async (string instanceId, ResolveRequest? request, WorkflowOpsHandler handler, CancellationToken cancellationToken) =>
        {
            if (request is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A JSON body with an action is required.");
            }

            var result = await handler.ResolveAsync(instanceId, request, cancellationToken);
            return result.Status switch
            {
                ResolveStatus.Accepted => Results.Accepted($"/api/ops/workflows/{Uri.EscapeDataString(instanceId)}", result),
                ResolveStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Message),
                ResolveStatus.NotParked => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Message),
            };
        });
        group.MapGet("/exceptions", async (int? pageSize, string? continuationToken, ExceptionOpsHandler handler, CancellationToken cancellationToken) =>
            Results.Ok(await handler.ListOpenAsync(pageSize, continuationToken, cancellationToken)));
        return group;
    }
}
