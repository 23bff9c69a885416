using System.Net;
using System.Text.Json;

namespace RetailSync.Odoo.Protocol;

/// <summary>Turns Odoo's error shapes (JSON-RPC <c>error.data</c>, JSON-2 error bodies) into typed exceptions.</summary>
internal static class OdooErrors
{
    private static readonly string[] BusinessErrorNames =
    [
        "odoo.exceptions.UserError",
        "odoo.exceptions.ValidationError",
        "odoo.exceptions.MissingError",
        "odoo.exceptions.AccessError",
        "odoo.exceptions.RedirectWarning",
        "odoo.exceptions.except_orm",
    ];

    /// <summary>Maps the <c>error</c> member of a JSON-RPC reply.</summary>
    public static OdooException FromJsonRpcError(JsonElement error, string? model, string? method)
    {
        var name = default(string);
        var message = default(string);
        if (error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            name = ReadString(data, "name");
            message = ReadString(data, "message");
        }

        message ??= ReadString(error, "message") ?? "Odoo returned an error without a message.";
        return Classify(name, message, status: null, model, method);
    }

    /// <summary>Maps a JSON-2 error reply (HTTP 4xx/5xx with <c>name</c>, <c>message</c>, <c>arguments</c>, <c>debug</c>).</summary>
    public static OdooException FromJson2Error(HttpStatusCode status, JsonElement? body, string? model, string? method)
    {
        string? name = null;
        string? message = null;
        if (body is { ValueKind: JsonValueKind.Object } error)
        {
            name = ReadString(error, "name");
            message = ReadString(error, "message");
        }

        message ??= $"Odoo answered HTTP {(int)status} {status}.";
        return Classify(name, message, status, model, method);
    }

    public static OdooException Classify(string? name, string message, HttpStatusCode? status, string? model, string? method)
    {
        if (status == HttpStatusCode.Unauthorized || name == "odoo.exceptions.AccessDenied"
            || name == "werkzeug.exceptions.Unauthorized")
        {
            return new OdooAuthenticationException(message, name, model, method);
        }

        if (IsSerializationFailure(name, message))
        {
            return new OdooTransientException(message, name, model, method);
        }

        if (name is not null && BusinessErrorNames.Contains(name, StringComparer.Ordinal))
        {
            return new OdooBusinessException(message, name, model, method);
        }

        if (name is null && status is { } code && (int)code >= 500)
        {
            // A bare 5xx (proxy, worker killed, out of memory): nothing says the server refused the call.
            return new OdooTransientException(message, name, model, method);
        }

        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
        {
            return new OdooTransientException(message, name, model, method);
        }

        // Programming errors (unknown field, wrong selection value, private method, ...): retrying changes nothing.
        return new OdooException(message, name, model, method);
    }

    private static bool IsSerializationFailure(string? name, string message) =>
        name is "psycopg2.errors.SerializationFailure" or "psycopg2.extensions.TransactionRollbackError"
            or "psycopg2.errors.LockNotAvailable" or "psycopg2.errors.DeadlockDetected"
        || message.Contains("could not serialize access", StringComparison.OrdinalIgnoreCase);

    private static string? ReadString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
