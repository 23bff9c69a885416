namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>A Python method returned None: JSON-RPC replies with no <c>result</c> key, JSON-2 with <c>null</c>.</summary>
internal sealed class NoResult
{
    public static readonly NoResult Instance = new();

    private NoResult()
    {
    }
}
