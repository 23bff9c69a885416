using RetailSync.Workflows.Client;
using RetailSync.Workflows.Orchestration;
using Durable = Microsoft.DurableTask;
using DurableClient = Microsoft.DurableTask.Client;

namespace RetailSync.Functions.Workflows;

/// <summary>Translates between the RetailSync workflow API and Microsoft.DurableTask, type by type.</summary>
internal static class DurableMapping
{
    public static Durable.TaskOptions? ToDurable(TaskOptions? options)
        => options?.Retry is { } retry ? Durable.TaskOptions.FromRetryPolicy(ToDurable(retry)) : null;

    public static Durable.SubOrchestrationOptions? ToDurable(SubOrchestrationOptions? options)
        => options is null
            ? null
            : new Durable.SubOrchestrationOptions(
                options.Retry is { } retry ? new Durable.TaskRetryOptions(ToDurable(retry)) : null,
                options.InstanceId is { } instanceId ? DurableInstanceId.Encode(instanceId) : null);

    public static Durable.RetryPolicy ToDurable(RetryPolicy policy)
    {
        // Durable refuses a maximum below the first interval; RetailSync caps the delay at the maximum, and so does
        // Durable's default (one hour) when none is given.
        TimeSpan? maxRetryInterval = policy.MaxRetryInterval < policy.FirstRetryInterval ? null : policy.MaxRetryInterval;
        var handleFailure = policy.HandleFailure;
        return handleFailure is null
            ? new Durable.RetryPolicy(policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, maxRetryInterval, policy.RetryTimeout)
            : new Durable.RetryPolicy(policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, maxRetryInterval, policy.RetryTimeout)
            {
                HandleFailure = failure => handleFailure(ToRetailSync(failure)),
            };
    }

    public static TaskFailureDetails ToRetailSync(Durable.TaskFailureDetails failure)
        => new(
            failure.ErrorType,
            failure.ErrorMessage,
            failure.StackTrace,
            failure.InnerFailure is { } inner ? ToRetailSync(inner) : null);

    public static TaskFailedException ToRetailSync(Durable.TaskFailedException exception)
        => new(exception.TaskName, exception.TaskId, ToRetailSync(exception.FailureDetails));

    public static Durable.StartOrchestrationOptions ToDurable(StartOrchestrationOptions? options)
        => new(
            options?.InstanceId is { } instanceId ? DurableInstanceId.Encode(instanceId) : null,
            options?.StartAt);

    public static OrchestrationMetadata ToRetailSync(DurableClient.OrchestrationMetadata metadata)
        => new(
            metadata.Name,
            DurableInstanceId.Decode(metadata.InstanceId),
            ToRetailSync(metadata.RuntimeStatus),
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            metadata.SerializedInput,
            metadata.SerializedOutput,
            metadata.SerializedCustomStatus,
            metadata.FailureDetails is { } failure ? ToRetailSync(failure) : null);

    public static OrchestrationRuntimeStatus ToRetailSync(DurableClient.OrchestrationRuntimeStatus status) => status switch
    {
        DurableClient.OrchestrationRuntimeStatus.Pending => OrchestrationRuntimeStatus.Pending,
        DurableClient.OrchestrationRuntimeStatus.Running => OrchestrationRuntimeStatus.Running,
        DurableClient.OrchestrationRuntimeStatus.Completed => OrchestrationRuntimeStatus.Completed,
        DurableClient.OrchestrationRuntimeStatus.Failed => OrchestrationRuntimeStatus.Failed,
        DurableClient.OrchestrationRuntimeStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        DurableClient.OrchestrationRuntimeStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        // ContinuedAsNew (and the unused Canceled) are obsolete in Durable; map by name without naming them.
        _ => Enum.TryParse<OrchestrationRuntimeStatus>(status.ToString(), out var byName)
            ? byName
            : throw new ArgumentOutOfRangeException(nameof(status), status, "Durable status with no RetailSync equivalent."),
    };

    public static DurableClient.OrchestrationRuntimeStatus ToDurable(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => DurableClient.OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running => DurableClient.OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed => DurableClient.OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => DurableClient.OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => DurableClient.OrchestrationRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => DurableClient.OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.ContinuedAsNew => Enum.Parse<DurableClient.OrchestrationRuntimeStatus>(nameof(OrchestrationRuntimeStatus.ContinuedAsNew)),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static DurableClient.OrchestrationQuery ToDurable(OrchestrationQuery query)
        => new(
            CreatedFrom: query.CreatedFrom,
            CreatedTo: query.CreatedTo,
            Statuses: query.Statuses is { Count: > 0 } statuses ? statuses.Select(status => ToDurable(status)).ToList() : null,
            InstanceIdPrefix: query.InstanceIdPrefix is { } prefix ? DurableInstanceId.Encode(prefix) : null,
            PageSize: query.PageSize,
            FetchInputsAndOutputs: query.FetchInputsAndOutputs,
            ContinuationToken: query.ContinuationToken);
}
