using Microsoft.Extensions.Hosting;
using RetailSync.Workflows.Embedded.Runtime;

namespace RetailSync.Workflows.Embedded.Hosting;

/// <summary>Runs the <see cref="EmbeddedWorkflowRuntime"/> for the lifetime of the host.</summary>
public sealed class EmbeddedWorkflowHostedService(EmbeddedWorkflowRuntime runtime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await runtime.StartAsync(stoppingToken);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await runtime.StopAsync(cancellationToken);
    }
}
