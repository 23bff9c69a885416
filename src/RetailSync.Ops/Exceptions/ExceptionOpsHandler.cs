using RetailSync.Ledgers.Exceptions;

namespace RetailSync.Ops.Exceptions;

/// <summary>Lists open exception records for <c>GET /api/ops/exceptions</c> (a plain class the Functions shell can call).</summary>
public class ExceptionOpsHandler
{
    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    private readonly ExceptionLedgerClient _exceptions;

    /// <summary>For mocking.</summary>
    protected ExceptionOpsHandler()
    {
        _exceptions = null!;
    }

    public ExceptionOpsHandler(ExceptionLedgerClient exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        _exceptions = exceptions;
    }

    /// <summary>One page of open records (page size clamped to 1..<see cref="MaxPageSize"/>, default 50).</summary>
    public virtual Task<ExceptionPage> ListOpenAsync(int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        _exceptions.ListOpenAsync(Math.Clamp(pageSize ?? 50, 1, MaxPageSize), string.IsNullOrWhiteSpace(continuationToken) ? null : continuationToken, cancellationToken);
}
