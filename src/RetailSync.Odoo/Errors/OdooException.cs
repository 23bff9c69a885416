namespace RetailSync.Odoo;

/// <summary>
/// An Odoo call failed. The base type covers errors that are neither business nor transient
/// (an unknown field, a private method, a malformed reply): they are programming errors, never retried.
/// </summary>
public class OdooException : Exception
{
    public OdooException()
    {
    }

    public OdooException(string message)
        : base(message)
    {
    }

    public OdooException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public OdooException(string message, string? errorName, string? model, string? method, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorName = errorName;
        Model = model;
        Method = method;
    }

    /// <summary>Odoo's exception name, e.g. <c>odoo.exceptions.UserError</c>, when the server gave one.</summary>
    public string? ErrorName { get; }

    /// <summary>Model of the failed call, when known.</summary>
    public string? Model { get; }

    /// <summary>Method of the failed call, when known.</summary>
    public string? Method { get; }
}
