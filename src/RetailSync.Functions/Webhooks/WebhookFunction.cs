using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using RetailSync.Hosting;
using RetailSync.Ingestion;

namespace RetailSync.Functions.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/{source}</c>: the local host's adapter and <see cref="WebhookHandler"/>, unchanged. The
/// handler verifies the signature (hence anonymous: the channel's signature is the authentication), normalises and
/// sends the CloudEvents through the registered <c>IEventQueue</c>, here the Service Bus queue.
/// </summary>
public sealed class WebhookFunction(WebhookHandler handler)
{
    [Function("Webhook")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{source}")] HttpRequest request,
        string source)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RetailSyncHostingExtensions.HandleWebhookAsync(source, request.HttpContext, handler);
        return Results.Empty; // the response is already written
    }
}
