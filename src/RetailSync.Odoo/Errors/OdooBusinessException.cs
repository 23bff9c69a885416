namespace RetailSync.Odoo;

/// <summary>
/// Odoo refused the operation for a business reason (UserError, ValidationError, MissingError, AccessError)
/// or the client found the request cannot succeed. Carries Odoo's message. Never retried.
/// </summary>
public class OdooBusinessException : OdooException
{
    public OdooBusinessException()
    {
    }

    public OdooBusinessException(string message)
        : base(message)
    {
    }

    public OdooBusinessException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public OdooBusinessException(string message, string? errorName, string? model, string? method)
        : base(message, errorName, model, method)
    {
    }
}
