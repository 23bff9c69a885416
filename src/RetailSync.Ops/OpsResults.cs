using Microsoft.AspNetCore.Http;
using RetailSync.Ops.Workflows;

namespace RetailSync.Ops;

/// <summary>
/// The HTTP answers of the operator endpoints, shared by the local host's minimal APIs and the Azure Functions
/// shell so both hosts answer the same request the same way.
/// </summary>
public static class OpsResults
{
    /// <summary><c>GET /api/ops/workflows/{instanceId}</c>: 200 with the view, 404 when there is no such instance.</summary>
    public static async Task<IResult> GetWorkflowAsync(WorkflowOpsHandler handler, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        instanceId = FromRoute(instanceId);
        return await handler.GetAsync(instanceId, cancellationToken) is { } view
            ? Results.Ok(view)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No workflow instance '{instanceId}'.");
    }

    /// <summary>
    /// <c>POST /api/ops/workflows/{instanceId}/resolve</c>: 202 when the decision was raised, 400 without a body or
    /// with an unknown action, 404 for an unknown instance, 409 when the instance is not parked on that exception.
    /// </summary>
    public static async Task<IResult> ResolveWorkflowAsync(WorkflowOpsHandler handler, string instanceId, ResolveRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (request is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A JSON body with an action is required.");
        }

        instanceId = FromRoute(instanceId);
        var result = await handler.ResolveAsync(instanceId, request, cancellationToken);
        return ToResult(result, instanceId);
    }

    private static IResult ToResult(ResolveResult result, string instanceId)
    {
        return result.Status switch
        {
            ResolveStatus.Accepted => Results.Accepted($"/api/ops/workflows/{Uri.EscapeDataString(instanceId)}", result),
            ResolveStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Message),
            ResolveStatus.NotParked => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
            _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Message),
        };
    }

    /// <summary>
    /// <c>POST /api/ops/workflows/{instanceId}/approve</c> and <c>/reject</c>: 202 when the decision was raised, 400 for a
    /// note over 2000 characters, 404 for an unknown instance, 409 when it awaits no approval (or another one). The body
    /// is optional.
    /// </summary>
    public static async Task<IResult> DecideApprovalAsync(WorkflowOpsHandler handler, string instanceId, ApprovalRequest? request, bool approve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        instanceId = FromRoute(instanceId);
        var result = await handler.DecideApprovalAsync(instanceId, request ?? new ApprovalRequest(), approve, cancellationToken);
        return ToResult(result, instanceId);
    }

    /// <summary>
    /// The instance id from its route segment. Instance ids contain <c>/</c> (<c>order:shopify:shop/1001</c>), so a
    /// client escapes it as <c>%2F</c>; both ASP.NET Core and the Functions host leave <c>%2F</c> encoded in route
    /// values, so it is unescaped here, once.
    /// </summary>
    public static string FromRoute(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return instanceId.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(instanceId) : instanceId;
    }
}
