using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RetailSync.Dispatch;

namespace RetailSync.Functions.Dispatch;

/// <summary>
/// Every five minutes (<c>Dispatch:SweepSchedule</c>, NCRONTAB): <see cref="EventDispatcher.SweepUnroutedAsync"/>,
/// the same sweep the local host's <c>UnroutedSweepService</c> runs (that service is off in Azure).
/// </summary>
public sealed partial class UnroutedSweepFunction(DispatcherFactory dispatchers, ILogger<UnroutedSweepFunction> logger)
{
    public const string SweepScheduleSetting = "Dispatch:SweepSchedule";

    [Function("SweepUnrouted")]
    public async Task Run(
        [TimerTrigger("%" + SweepScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(context);
        var result = await dispatchers.Create(client).SweepUnroutedAsync(context.CancellationToken);
        if (result.Released + result.Overdue + result.Failed > 0)
        {
            LogSwept(logger, result.Released, result.StillParked, result.Overdue, result.Failed);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Unrouted sweep: {Released} released, {StillParked} still parked, {Overdue} overdue, {Failed} failed")]
    private static partial void LogSwept(ILogger logger, int released, int stillParked, int overdue, int failed);
}
