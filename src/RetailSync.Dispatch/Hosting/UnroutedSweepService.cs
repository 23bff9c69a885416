using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RetailSync.Dispatch.Hosting;

/// <summary>
/// Runs <see cref="EventDispatcher.SweepUnroutedAsync"/> every <see cref="DispatchOptions.SweepInterval"/>: releases
/// parked events whose order or return became known by other means and raises exception records for those
/// waiting past the deadline. (The Functions shell calls the same method from a timer trigger.)
/// </summary>
public sealed class UnroutedSweepService : BackgroundService
{
    private readonly EventDispatcher _dispatcher;
    private readonly DispatchOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<UnroutedSweepService> _logger;

    public UnroutedSweepService(EventDispatcher dispatcher, IOptions<DispatchOptions> options, TimeProvider timeProvider, ILogger<UnroutedSweepService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var result = await _dispatcher.SweepUnroutedAsync(stoppingToken);
                    if (result.Released + result.Overdue + result.Failed > 0)
                    {
                        _logger.LogInformation(
                            "Unrouted sweep: {Released} released, {StillParked} still parked, {Overdue} overdue, {Failed} failed",
                            result.Released, result.StillParked, result.Overdue, result.Failed);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.LogWarning(ex, "Unrouted sweep failed; retrying at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
