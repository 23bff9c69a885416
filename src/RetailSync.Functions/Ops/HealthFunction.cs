using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace RetailSync.Functions.Ops;

/// <summary>Liveness probe: the same route and answer as the local host's <c>GET /api/health</c>.</summary>
public static class HealthFunction
{
    [Function("Health")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OkObjectResult(new { status = "ok" });
    }
}
