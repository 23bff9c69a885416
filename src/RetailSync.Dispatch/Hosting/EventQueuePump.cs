using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailSync.Messaging;

namespace RetailSync.Dispatch.Hosting;

/// <summary>
/// The local host's consumer: receives messages from <see cref="IEventQueueReceiver"/>, dispatches up to
/// <see cref="DispatchOptions.Concurrency"/> at a time through <see cref="EventDispatcher"/>, and settles each per
/// outcome (complete, abandon with delay, dead-letter). A message whose settlement fails reappears after its
/// visibility timeout and is dropped then as a duplicate by the ledger. On shutdown, in-flight dispatches are
/// cancelled and their messages left unsettled (they reappear).
/// </summary>
public sealed class EventQueuePump : BackgroundService
{
    private readonly IEventQueueReceiver _receiver;
    private readonly EventDispatcher _dispatcher;
    private readonly DispatchOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EventQueuePump> _logger;

    public EventQueuePump(
        IEventQueueReceiver receiver,
        EventDispatcher dispatcher,
        IOptions<DispatchOptions> options,
        TimeProvider timeProvider,
        ILogger<EventQueuePump> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _receiver = receiver ?? throw new ArgumentNullException(nameof(receiver));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var concurrency = Math.Max(1, _options.Concurrency);
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var inFlight = new HashSet<Task>();
        _logger.LogInformation("Event pump started with concurrency {Concurrency}", concurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var taken = 1;
                while (taken < Math.Min(concurrency, Math.Max(1, _options.BatchSize)) && slots.Wait(0, CancellationToken.None))
                {
                    taken++;
                }

                IReadOnlyList<ReceivedEventMessage> messages;
                try
                {
                    messages = await _receiver.ReceiveAsync(taken, _options.VisibilityTimeout, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    slots.Release(taken);
                    _logger.LogWarning(ex, "Receiving from the event queue failed; retrying in {Delay}", _options.IdleDelay);
                    await Task.Delay(_options.IdleDelay, _timeProvider, stoppingToken);
                    continue;
                }
                catch
                {
                    slots.Release(taken);
                    throw;
                }

                if (taken > messages.Count)
                {
                    slots.Release(taken - messages.Count);
                }

                foreach (var message in messages)
                {
                    var task = ProcessAsync(message, slots, stoppingToken);
                    lock (inFlight)
                    {
                        inFlight.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            lock (inFlight)
                            {
                                inFlight.Remove(t);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                if (messages.Count == 0)
                {
                    await Task.Delay(_options.IdleDelay, _timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            Task[] remaining;
            lock (inFlight)
            {
                remaining = [.. inFlight];
            }

            await Task.WhenAll(remaining);
            _logger.LogInformation("Event pump stopped");
        }
    }

    private async Task ProcessAsync(ReceivedEventMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var outcome = await _dispatcher.DispatchAsync(message, stoppingToken);
            switch (outcome.Kind)
            {
                case DispatchOutcomeKind.Completed:
                    await _receiver.CompleteAsync(message, stoppingToken);
                    break;
                case DispatchOutcomeKind.RetryLater:
                    await _receiver.AbandonAsync(message, outcome.Delay, stoppingToken);
                    break;
                case DispatchOutcomeKind.DeadLetter:
                    await _receiver.DeadLetterAsync(message, outcome.Reason, outcome.Description ?? outcome.Reason, stoppingToken);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: the message reappears after its visibility timeout.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Settling message {MessageId} failed; it reappears after its visibility timeout", message.Message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }
}
