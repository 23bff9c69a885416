using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Protocol;

/// <summary>
/// Odoo 19's JSON-2: <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c>, <c>Authorization: bearer &lt;key&gt;</c>,
/// optional <c>X-Odoo-Database</c>, a JSON object of named arguments plus <c>ids</c> and <c>context</c>.
/// Success is 200 with the bare result; errors are 4xx/5xx with name, message, arguments, context, debug.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "A sandbox bug must still answer as Odoo answers an unexpected Python error.")]
internal static class Json2Endpoint
{
    public static async Task HandleAsync(HttpContext http, OdooSandboxState state, string model, string method)
    {
        if (state.Options.Version < 19)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("<!doctype html><title>404 Not Found</title><h1>Not Found</h1>", http.RequestAborted);
            return;
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, new OdooException("werkzeug.exceptions.MethodNotAllowed", "The method is not allowed for the requested URL.", 405, ["The method is not allowed for the requested URL.", 405]));
            return;
        }

        JsonObject body;
        try
        {
            var parsed = http.Request.ContentLength is 0 ? new JsonObject() : await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            body = parsed as JsonObject ?? throw OdooException.BadRequest("could not parse the body, expecting a json object");
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(http, OdooException.BadRequest($"could not parse the body as json: {e.Message}"));
            return;
        }
        catch (OdooException e)
        {
            await WriteErrorAsync(http, e);
            return;
        }

        state.Count(model, method);
        var decision = state.Faults.Decide(model, method);
        if (!await FaultGate.BeforeAsync(http, state, decision, model, method))
        {
            return;
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        var database = http.Request.Headers["X-Odoo-Database"].FirstOrDefault();

        OdooException? error = null;
        JsonNode? result = null;
        if (decision.SerializationFailure)
        {
            FaultGate.LogFault(state.Logger, "serialization failure", model, method);
            error = OdooException.SerializationFailure();
        }
        else
        {
            try
            {
                var value = state.Dispatcher.ExecuteJson2(database, bearer, model, method, body);
                result = value is NoResult ? null : ValueCodec.Result(value);
            }
            catch (OdooException e)
            {
                error = e;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                JsonRpcEndpoint.LogUnexpected(state.Logger, e, model, method);
                error = new OdooException("builtins." + e.GetType().Name, e.Message, 500);
            }
        }

        if (decision.LoseReplyAfterCommit)
        {
            FaultGate.LoseReply(http, state, model, method);
            return;
        }

        if (error is not null)
        {
            await WriteErrorAsync(http, error);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(result?.ToJsonString() ?? "null", http.RequestAborted);
    }

    public static async Task VersionAsync(HttpContext http, OdooSandboxState state)
    {
        var version = state.Dispatcher.Version();
        http.Response.ContentType = "application/json; charset=utf-8";
        var reply = new JsonObject
        {
            ["version_info"] = version["server_version_info"]!.DeepClone(),
            ["version"] = version["server_serie"]!.DeepClone(),
        };
        await http.Response.WriteAsync(reply.ToJsonString(), http.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext http, OdooException error)
    {
        http.Response.StatusCode = error.Json2Status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new JsonObject
        {
            ["name"] = error.Name,
            ["message"] = error.Message,
            ["arguments"] = error.Arguments.DeepClone(),
            ["context"] = new JsonObject(),
            ["debug"] = Traceback.For(error),
        };
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }
}
