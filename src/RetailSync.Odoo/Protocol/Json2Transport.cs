using System.Net;
using System.Text.Json;

namespace RetailSync.Odoo.Protocol;

/// <summary>
/// JSON-2 (Odoo 19+): <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with a bearer API key and <c>X-Odoo-Database</c>;
/// a body of named arguments plus <c>ids</c> and <c>context</c>; errors as HTTP 4xx/5xx. Each call is its own transaction.
/// </summary>
internal sealed class Json2Transport(OdooConnection connection) : IOdooTransport
{
    public async ValueTask<JsonElement> ExecuteAsync(OdooRequest request, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (request.Ids is not null)
        {
            body["ids"] = request.Ids;
        }

        foreach (var (name, value) in request.Arguments)
        {
            body[name] = value;
        }

        if (request.Keywords is not null)
        {
            foreach (var (name, value) in request.Keywords)
            {
                body[name] = value;
            }
        }

        if (request.Context is not null)
        {
            body["context"] = request.Context;
        }

        var options = connection.Options;
        var path = $"json/2/{Uri.EscapeDataString(request.Model)}/{Uri.EscapeDataString(request.Method)}";
        var reply = await connection.PostAsync(
            path,
            body,
            headers =>
            {
                headers.TryAddWithoutValidation("Authorization", "bearer " + connection.ApiKey);
                headers.TryAddWithoutValidation("X-Odoo-Database", options.Database);
            },
            request.ReadOnly,
            request.Model,
            request.Method,
            cancellationToken);

        if (reply.Status != HttpStatusCode.OK)
        {
            throw OdooErrors.FromJson2Error(reply.Status, reply.Body, request.Model, request.Method);
        }

        return reply.Body ?? JsonRpcTransport.Null;
    }
}
