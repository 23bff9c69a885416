using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using OrchestrationClient = RetailSync.Workflows.Client.OrchestrationClient;
using OrchestrationMetadata = RetailSync.Workflows.Client.OrchestrationMetadata;
using OrchestrationQuery = RetailSync.Workflows.Client.OrchestrationQuery;
using OrchestrationQueryResult = RetailSync.Workflows.Client.OrchestrationQueryResult;
using ScheduleResult = RetailSync.Workflows.Client.ScheduleResult;
using StartOrchestrationOptions = RetailSync.Workflows.Client.StartOrchestrationOptions;

namespace RetailSync.Functions.Workflows;

/// <summary>
/// RetailSync's <see cref="OrchestrationClient"/> over Durable Functions' <see cref="DurableTaskClient"/> (from a
/// <c>[DurableClient]</c> binding). Scheduling is idempotent: an instance id that already exists, in any state,
/// is reported as not created instead of being overwritten or failing.
/// </summary>
public sealed class DurableOrchestrationClientAdapter : OrchestrationClient
{
    private readonly DurableTaskClient _client;

    public DurableOrchestrationClientAdapter(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public override async Task<ScheduleResult> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId;
        if (instanceId is not null
            && await _client.GetInstanceAsync(DurableInstanceId.Encode(instanceId), getInputsAndOutputs: false, cancellationToken) is not null)
        {
            // Durable would overwrite a finished instance with the same id; RetailSync never restarts one.
            return new ScheduleResult(instanceId, Created: false);
        }

        try
        {
            var scheduled = await _client.ScheduleNewOrchestrationInstanceAsync(
                orchestratorName, input, DurableMapping.ToDurable(options), cancellationToken);
            return new ScheduleResult(DurableInstanceId.Decode(scheduled), Created: true);
        }
        catch (Exception exception) when (instanceId is not null && IsAlreadyExists(exception))
        {
            // A concurrent caller created it between the lookup and the schedule.
            return new ScheduleResult(instanceId, Created: false);
        }
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
        => _client.RaiseEventAsync(DurableInstanceId.Encode(instanceId), eventName, eventPayload, cancellationToken);

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
        => await _client.GetInstanceAsync(DurableInstanceId.Encode(instanceId), getInputsAndOutputs, cancellationToken) is { } metadata
            ? DurableMapping.ToRetailSync(metadata)
            : null;

    public override async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var durableQuery = DurableMapping.ToDurable(query);
        await foreach (var page in _client.GetAllInstancesAsync(durableQuery)
            .AsPages(durableQuery.ContinuationToken, durableQuery.PageSize)
            .WithCancellation(cancellationToken))
        {
            return new OrchestrationQueryResult([.. page.Values.Select(metadata => DurableMapping.ToRetailSync(metadata))], page.ContinuationToken);
        }

        return new OrchestrationQueryResult([], null);
    }

    public override Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
        => _client.TerminateInstanceAsync(DurableInstanceId.Encode(instanceId), (object?)reason, cancellationToken);

    public override async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
        => (await _client.PurgeInstanceAsync(DurableInstanceId.Encode(instanceId), cancellationToken)).PurgedInstanceCount > 0;

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
        => DurableMapping.ToRetailSync(
            await _client.WaitForInstanceCompletionAsync(DurableInstanceId.Encode(instanceId), getInputsAndOutputs, cancellationToken));

    // The gRPC client reports a duplicate id as OrchestrationAlreadyExistsException (newer Microsoft.DurableTask)
    // or as the host's RpcException with status AlreadyExists (older ones).
    private static bool IsAlreadyExists(Exception exception)
        => exception is OrchestrationAlreadyExistsException or RpcException { StatusCode: StatusCode.AlreadyExists };
}
