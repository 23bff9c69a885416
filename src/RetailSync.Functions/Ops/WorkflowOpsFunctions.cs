using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RetailSync.Functions.Workflows;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Ops;
using RetailSync.Ops.Workflows;

namespace RetailSync.Functions.Ops;

/// <summary>
/// <c>GET /api/ops/workflows/{instanceId}</c>, <c>POST /api/ops/workflows/{instanceId}/resolve</c>, <c>/approve</c> and
/// <c>/reject</c>: the local
/// host's <see cref="WorkflowOpsHandler"/> over the invocation's Durable client, with the same answers as
/// <c>MapRetailSyncOps</c>. Function keys guard them (they change workflows).
/// </summary>
public sealed class WorkflowOpsFunctions(ExceptionLedgerClient exceptions, ILogger<WorkflowOpsHandler> logger)
{
    [Function("OpsGetWorkflow")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/workflows/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await OpsResults.GetWorkflowAsync(Handler(client), instanceId, request.HttpContext.RequestAborted);
    }

    [Function("OpsResolveWorkflow")]
    public async Task<IResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ops/workflows/{instanceId}/resolve")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ResolveRequest? body;
        try
        {
            body = request.HasJsonContentType() ? await request.ReadFromJsonAsync<ResolveRequest>(request.HttpContext.RequestAborted) : null;
        }
        catch (JsonException)
        {
            body = null;
        }

        return await OpsResults.ResolveWorkflowAsync(Handler(client), instanceId, body, request.HttpContext.RequestAborted);
    }

    [Function("OpsApproveWorkflow")]
    public Task<IResult> Approve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ops/workflows/{instanceId}/approve")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
        => DecideAsync(request, instanceId, client, approve: true);

    [Function("OpsRejectWorkflow")]
    public Task<IResult> Reject(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ops/workflows/{instanceId}/reject")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
        => DecideAsync(request, instanceId, client, approve: false);

    private async Task<IResult> DecideAsync(HttpRequest request, string instanceId, DurableTaskClient client, bool approve)
    {
        ArgumentNullException.ThrowIfNull(request);
        ApprovalRequest? body = null;
        if (request.ContentLength is > 0)
        {
            try
            {
                body = request.HasJsonContentType() ? await request.ReadFromJsonAsync<ApprovalRequest>(request.HttpContext.RequestAborted) : null;
            }
            catch (JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a valid approval.");
            }
        }

        return await OpsResults.DecideApprovalAsync(Handler(client), instanceId, body, approve, request.HttpContext.RequestAborted);
    }

    private WorkflowOpsHandler Handler(DurableTaskClient client) => new(new DurableOrchestrationClientAdapter(client), exceptions, logger);
}
