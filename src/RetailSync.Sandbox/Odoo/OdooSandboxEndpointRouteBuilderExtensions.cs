using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RetailSync.Sandbox.Odoo.Protocol;

namespace RetailSync.Sandbox.Odoo;

/// <summary>Maps the sandbox Odoo's endpoints (<c>/jsonrpc</c>, <c>/json/2/...</c>, <c>/web/version</c>) into any app.</summary>
public static class OdooSandboxEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapOdooSandbox(this IEndpointRouteBuilder endpoints, OdooSandboxState state)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(state);
        endpoints.MapPost("/jsonrpc", (HttpContext http) => JsonRpcEndpoint.HandleAsync(http, state));
        endpoints.Map("/json/2/{model}/{method}", (HttpContext http, string model, string method) => Json2Endpoint.HandleAsync(http, state, model, method));
        endpoints.MapGet("/web/version", (HttpContext http) => Json2Endpoint.VersionAsync(http, state));
        return endpoints;
    }
}
