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
/// <c>GET /api/ops/workflows/{instanceId}</c> and <c>POST /api/ops/workflows/{instanceId}/resolve</c>: the local
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

    private WorkflowOpsHandler Handler(DurableTaskClient client) => new(new DurableOrchestrationClientAdapter(client), exceptions, logger);
}
