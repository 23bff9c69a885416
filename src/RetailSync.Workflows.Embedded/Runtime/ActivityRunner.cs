using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Storage;
using RetailSync.Workflows.Embedded.Telemetry;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Registration;

namespace RetailSync.Workflows.Embedded.Runtime;

/// <summary>
/// Runs one activity work item in its own DI scope and reports the result to the instance's inbox under a
/// deterministic id (a re-run after a crash overwrites, never duplicates, the result).
/// </summary>
internal sealed partial class ActivityRunner(
    WorkflowRegistry registry,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<ActivityRunner> logger)
{
    /// <summary>
    /// Runs the activity and returns its result message for the instance's inbox; null when the run was interrupted
    /// by shutdown (the work item must be abandoned, not deleted).
    /// </summary>
    public async Task<InboxMessage?> RunAsync(ActivityWorkItem item, long dequeueCount, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var span = WorkflowTelemetry.ActivitySource.StartActivity("workflow.activity");
        span?.SetTag("workflow.activity", item.Name);
        span?.SetTag("workflow.instance_id", item.InstanceId);
        var attempt = item.Attempt + (int)Math.Max(0, dequeueCount - 1);
        HistoryEvent result;
        try
        {
            var output = await InvokeAsync(item, attempt, cancellationToken);
            result = new HistoryEvent(HistoryEventKind.TaskCompleted, timeProvider.GetUtcNow()) { TaskId = item.TaskId, Name = item.Name, Result = output };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            LogActivityFailed(ex, item.Name, item.InstanceId, attempt);
            WorkflowTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("kind", "activity"));
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            result = new HistoryEvent(HistoryEventKind.TaskFailed, timeProvider.GetUtcNow()) { TaskId = item.TaskId, Name = item.Name, Failure = TaskFailureDetails.FromException(ex) };
        }

        var message = new InboxMessage(string.Create(CultureInfo.InvariantCulture, $"{item.ExecutionId}-a{item.TaskId}"),
            InboxSequence.Next(timeProvider), result, item.ExecutionId);
        WorkflowTelemetry.Activities.Add(1, new KeyValuePair<string, object?>("activity", item.Name));
        WorkflowTelemetry.ActivityDuration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return message;
    }

    private async Task<string?> InvokeAsync(ActivityWorkItem item, int attempt, CancellationToken cancellationToken)
    {
        if (!registry.TryGetActivity(item.Name, out var registration))
        {
            throw new InvalidOperationException($"No activity named '{item.Name}' is registered in this host.");
        }

        await using var scope = services.CreateAsyncScope();
        var activity = (IActivity)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, registration.ImplementationType);
        object? input;
        try
        {
            input = item.Input is null ? null : JsonSerializer.Deserialize(item.Input, activity.InputType, WorkflowJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The input of activity '{item.Name}' is not a valid {activity.InputType.Name}: {ex.Message}", ex);
        }

        var output = await activity.RunAsync(new Orchestration.ActivityContext(item.Name, item.InstanceId, attempt), input, cancellationToken);
        return output is null ? null : JsonSerializer.Serialize(output, activity.OutputType, WorkflowJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityName} of instance {InstanceId} failed on attempt {Attempt}")]
    private partial void LogActivityFailed(Exception exception, string activityName, string instanceId, int attempt);
}
