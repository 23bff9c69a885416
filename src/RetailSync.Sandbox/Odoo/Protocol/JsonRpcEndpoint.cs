using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Protocol;

/// <summary>
/// <c>POST /jsonrpc</c>: the <c>common</c> (version, authenticate, login), <c>db</c> (list) and
/// <c>object</c> (execute_kw, execute) services. Every answer is HTTP 200; errors use Odoo's envelope
/// (code 200, "Odoo Server Error", data.name/message/arguments/debug/context); None answers carry no
/// <c>result</c> key.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "A sandbox bug must still answer as Odoo answers an unexpected Python error.")]
internal static partial class JsonRpcEndpoint
{
    public static async Task HandleAsync(HttpContext http, OdooSandboxState state)
    {
        JsonNode? id = null;
        JsonObject? request;
        try
        {
            request = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            await WriteAsync(http, Error(null, OdooException.BadRequest("Invalid JSON data")));
            return;
        }

        id = request["id"]?.DeepClone();
        var parameters = request["params"] as JsonObject ?? [];
        var service = ValueCodec.Text(parameters["service"]);
        var method = ValueCodec.Text(parameters["method"]);
        var args = parameters["args"] as JsonArray ?? [];
        var (model, modelMethod) = service == "object" && args.Count > 4
            ? (ValueCodec.Text(args[3]), ValueCodec.Text(args[4]))
            : (service, method);

        state.Count(model, modelMethod);
        var decision = state.Faults.Decide(model, modelMethod);
        if (!await FaultGate.BeforeAsync(http, state, decision, model, modelMethod))
        {
            return;
        }

        JsonObject reply;
        if (decision.SerializationFailure)
        {
            FaultGate.LogFault(state.Logger, "serialization failure", model, modelMethod);
            reply = Error(id, OdooException.SerializationFailure());
        }
        else
        {
            try
            {
                var result = Dispatch(state, service, method, args);
                reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id };
                if (result is not NoResult)
                {
                    reply["result"] = ValueCodec.Result(result);
                }
            }
            catch (OdooException e)
            {
                reply = Error(id, e);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnexpected(state.Logger, e, model, modelMethod);
                reply = Error(id, new OdooException("builtins." + e.GetType().Name, e.Message, 500));
            }
        }

        if (decision.LoseReplyAfterCommit)
        {
            FaultGate.LoseReply(http, state, model, modelMethod);
            return;
        }

        await WriteAsync(http, reply);
    }

    private static object? Dispatch(OdooSandboxState state, string service, string method, JsonArray args)
    {
        var dispatcher = state.Dispatcher;
        switch (service, method)
        {
            case ("common", "version"):
                return dispatcher.Version();
            case ("common", "authenticate"):
            case ("common", "login"):
                if (args.Count < 3)
                {
                    throw OdooException.TypeError($"exp_{method}() missing required positional arguments");
                }

                return dispatcher.Authenticate(ValueCodec.Text(args[0]), ValueCodec.Text(args[1]), ValueCodec.Text(args[2]));
            case ("db", "list"):
                return new JsonArray(state.Options.Database);
            case ("object", "execute_kw"):
                return dispatcher.ExecuteKw(args);
            case ("object", "execute"):
                var kw = new JsonArray(args.Take(5).Select(a => a?.DeepClone()).ToArray());
                kw.Add(new JsonArray(args.Skip(5).Select(a => a?.DeepClone()).ToArray()));
                return dispatcher.ExecuteKw(kw);
            case ("common", _):
            case ("db", _):
            case ("object", _):
                throw OdooException.KeyError(Py.Quote($"exp_{method}"));
            default:
                throw OdooException.KeyError(Py.Quote(service));
        }
    }

    private static JsonObject Error(JsonNode? id, OdooException error) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["error"] = new JsonObject
        {
            ["code"] = 200,
            ["message"] = "Odoo Server Error",
            ["data"] = new JsonObject
            {
                ["name"] = error.Name,
                ["debug"] = Traceback.For(error),
                ["message"] = error.Message,
                ["arguments"] = error.Arguments.DeepClone(),
                ["context"] = new JsonObject(),
            },
        },
    };

    private static async Task WriteAsync(HttpContext http, JsonObject reply)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(reply.ToJsonString(), http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Odoo sandbox failed unexpectedly on {Model}.{Method}")]
    internal static partial void LogUnexpected(ILogger logger, Exception exception, string model, string method);
}
