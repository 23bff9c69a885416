namespace RetailSync.Ledgers.Exceptions;

/// <summary>Whether an exception record still needs an operator.</summary>
public enum ExceptionStatus
{
    Open = 0,
    Resolved = 1,
}
