using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using RetailSync.Messaging;
using RetailSync.Testing;

namespace RetailSync.Bench.Ingest;

/// <summary>
/// The queue a run writes to, named for that run. The run writes tens of thousands of messages that never expire
/// and never deletes one while it measures (see Program.cs), so on storage that outlives the run (a storage account,
/// or an emulator someone else runs, given by <c>RETAILSYNC_STORAGE_CONNECTION_STRING</c> alone) disposing deletes
/// the run's queue, its dead-letter queue and its claim-check container, and nothing else. On an emulator that ends
/// with the run nothing is deleted: its data goes with it, and a mass delete would stall Azurite (docs/ingestion.md,
/// "Why the emulator froze").
/// </summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    private readonly AzuriteInstance _storage;

    private BenchStorage(AzuriteInstance storage, EventQueueOptions queue)
    {
        _storage = storage;
        Queue = queue;
    }

    /// <summary>The run's events queue, with the dead-letter queue and claim-check container named after it.</summary>
    public EventQueueOptions Queue { get; }

    /// <summary>Names the run's queue after the time it starts (Storage queue names: lower case, digits, single hyphens).</summary>
    public static BenchStorage Create(AzuriteInstance storage, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var name = "bench-events-" + timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return new BenchStorage(storage, new EventQueueOptions { Events = name });
    }

    public async ValueTask DisposeAsync()
    {
        if (_storage.IsRunScoped)
        {
            return;
        }

        try
        {
            var queues = new QueueServiceClient(_storage.ConnectionString);
            await queues.GetQueueClient(Queue.Events).DeleteIfExistsAsync();
            await queues.GetQueueClient(Queue.DeadLetterQueueName).DeleteIfExistsAsync();
            await new BlobServiceClient(_storage.ConnectionString).GetBlobContainerClient(Queue.ClaimCheckContainerName).DeleteIfExistsAsync();
        }
        catch (RequestFailedException ex)
        {
            // After the RESULT line: say what is left behind so that someone can delete it by hand.
            await Console.Error.WriteLineAsync($"could not delete the run's queues {Queue.Events} and {Queue.DeadLetterQueueName} or container {Queue.ClaimCheckContainerName}: {ex.Status} {ex.ErrorCode}");
        }
    }
}
