using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using RetailSync.Ops.Exceptions;

namespace RetailSync.Functions.Ops;

/// <summary><c>GET /api/ops/exceptions?pageSize=&amp;continuationToken=</c>: the local host's <see cref="ExceptionOpsHandler"/>.</summary>
public sealed class ExceptionOpsFunction(ExceptionOpsHandler handler)
{
    [Function("OpsListExceptions")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/exceptions")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? pageSizeText = request.Query["pageSize"];
        int? pageSize = null;
        if (!string.IsNullOrEmpty(pageSizeText))
        {
            if (!int.TryParse(pageSizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "pageSize must be a whole number.");
            }

            pageSize = size;
        }

        string? continuationToken = request.Query["continuationToken"];
        return Results.Ok(await handler.ListOpenAsync(pageSize, continuationToken, request.HttpContext.RequestAborted));
    }
}
