namespace RetailSync.Odoo;

/// <summary>Odoo refused the credentials (AccessDenied, or <c>authenticate</c> returned false). Never retried.</summary>
public sealed class OdooAuthenticationException : OdooException
{
    public OdooAuthenticationException()
    {
    }

    public OdooAuthenticationException(string message)
        : base(message)
    {
    }

    public OdooAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public OdooAuthenticationException(string message, string? errorName, string? model, string? method)
        : base(message, errorName, model, method)
    {
    }
}
