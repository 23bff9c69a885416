using System.Text.Json.Nodes;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>
/// An error the sandbox answers the way Odoo does: the fully qualified Python exception name, its message
/// and arguments, and the HTTP status JSON-2 (Odoo 19) gives it. JSON-RPC always answers 200 with the error
/// envelope.
/// </summary>
internal sealed class OdooException : Exception
{
    public OdooException(string name, string message, int json2Status, JsonArray? arguments = null)
        : base(message)
    {
        Name = name;
        Json2Status = json2Status;
        Arguments = arguments ?? [message];
    }

    public string Name { get; }

    public int Json2Status { get; }

    public JsonArray Arguments { get; }

    /// <summary>True for exceptions whose traceback Odoo suppresses (AccessDenied).</summary>
    public bool SuppressTraceback => Name == "odoo.exceptions.AccessDenied";

    public static OdooException UserError(string message) => new("odoo.exceptions.UserError", message, 422);

    public static OdooException ValidationError(string message) => new("odoo.exceptions.ValidationError", message, 422);

    public static OdooException AccessDenied() => new("odoo.exceptions.AccessDenied", "Access Denied", 403);

    public static OdooException AccessError(string message) => new("odoo.exceptions.AccessError", message, 403);

    public static OdooException MissingError(string message) => new("odoo.exceptions.MissingError", message, 404);

    public static OdooException ValueError(string message) => new("builtins.ValueError", message, 500);

    public static OdooException TypeError(string message) => new("builtins.TypeError", message, 500);

    public static OdooException AttributeError(string message) => new("builtins.AttributeError", message, 500);

    public static OdooException KeyError(string message) => new("builtins.KeyError", message, 500);

    public static OdooException NotFound(string description) =>
        new("werkzeug.exceptions.NotFound", description, 404, [description, 404]);

    public static OdooException Unauthorized(string description) =>
        new("werkzeug.exceptions.Unauthorized", description, 401, [description, 401]);

    public static OdooException UnprocessableEntity(string description) =>
        new("werkzeug.exceptions.UnprocessableEntity", description, 422, [description, 422]);

    public static OdooException BadRequest(string description) =>
        new("werkzeug.exceptions.BadRequest", description, 400, [description, 400]);

    public static OdooException SerializationFailure() =>
        new("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update\n", 500);
}
