using Azure;
using Azure.Data.Tables;

namespace RetailSync.Ledgers.Storage;

/// <summary>A table client that creates its table on first use (once; a failed attempt is retried next call).</summary>
internal sealed class LedgerTable
{
    private readonly TableClient _client;
    private readonly Lock _lock = new();
    private Task? _creation;

    public LedgerTable(TableServiceClient service, string tableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _client = service.GetTableClient(tableName);
    }

    public string Name => _client.Name;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var creation = _creation;
        if (creation is null || creation.IsFaulted || creation.IsCanceled)
        {
            lock (_lock)
            {
                if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
                {
                    // Not tied to one caller's token: a cancelled caller must not fail the others.
                    _creation = _client.CreateIfNotExistsAsync(CancellationToken.None);
                }

                creation = _creation;
            }
        }

        await creation.WaitAsync(cancellationToken);
        return _client;
    }

    public static bool IsConflict(RequestFailedException exception) => exception.Status == 409;

    public static bool IsPreconditionFailed(RequestFailedException exception) => exception.Status == 412;

    public static bool IsNotFound(RequestFailedException exception) => exception.Status == 404;
}
