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
        group.MapPost("/workflows/{instanceId}/approve", (string instanceId, HttpRequest http, WorkflowOpsHandler handler, CancellationToken cancellationToken) =>
            DecideAsync(instanceId, http, handler, approve: true, cancellationToken));
        group.MapPost("/workflows/{instanceId}/reject", (string instanceId, HttpRequest http, WorkflowOpsHandler handler, CancellationToken cancellationToken) =>
            DecideAsync(instanceId, http, handler, approve: false, cancellationToken));
        group.MapGet("/exceptions", async (int? pageSize, string? continuationToken, ExceptionOpsHandler handler, CancellationToken cancellationToken) =>
            Results.Ok(await handler.ListOpenAsync(pageSize, continuationToken, cancellationToken)));
        return group;
    }

    /// <summary>Reads the optional approval body (none, or JSON) and answers through <see cref="OpsResults"/>.</summary>
    private static async Task<IResult> DecideAsync(string instanceId, HttpRequest http, WorkflowOpsHandler handler, bool approve, CancellationToken cancellationToken)
    {
        ApprovalRequest? body = null;
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            if (!http.HasJsonContentType())
            {
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body, when there is one, must be JSON.");
            }

            try
            {
                body = await http.ReadFromJsonAsync<ApprovalRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a valid approval: " + ex.Message);
            }
        }

        return await OpsResults.DecideApprovalAsync(handler, instanceId, body, approve, cancellationToken);
    }
}
