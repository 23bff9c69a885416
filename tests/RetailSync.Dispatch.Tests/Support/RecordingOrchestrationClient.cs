using System.Collections.Concurrent;
using System.Text.Json;
using RetailSync.Routing;
using System.Text.Json.Serialization;
using RetailSync.Workflows.Client;

namespace RetailSync.Dispatch.Tests.Support;

/// <summary>
/// In-memory <see cref="OrchestrationClient"/> that records what the dispatcher asked for. Payloads are
/// serialised and read back with the settings of <c>WorkflowJson</c> (web defaults, nulls omitted, enums as
/// strings), as a real runtime would.
/// </summary>
public sealed class RecordingOrchestrationClient : OrchestrationClient
{
    // Same settings as RetailSync.Workflows.Json, whose type initializer currently throws
    // (MakeReadOnly() without a TypeInfoResolver); reported to the coordinator.
    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly ConcurrentDictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RaisedEvent> _raised = new();

    /// <summary>Runs before every schedule call (e.g. to let time pass while the dispatcher works).</summary>
    public Func<string, Task>? BeforeSchedule { get; set; }

    /// <summary>Runs before every raise (block it, or throw to simulate a runtime failure).</summary>
    public Func<string, string, Task>? BeforeRaise { get; set; }

    public IReadOnlyList<RaisedEvent> Raised => [.. _raised];

    public IReadOnlyList<(string Name, string InstanceId, RoutedWorkflowInput Input)> Started =>
        _instances.Values.OrderBy(i => i.Sequence).Select(i => (i.Name, i.InstanceId, i.Input)).ToList();

    private int _scheduleCalls;

    public int ScheduleCalls => _scheduleCalls;

    public void SetStatus(string instanceId, OrchestrationRuntimeStatus status) => _instances[instanceId].Status = status;

    public override async Task<ScheduleResult> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (BeforeSchedule is { } hook)
        {
            await hook(options?.InstanceId ?? string.Empty);
        }

        Interlocked.Increment(ref _scheduleCalls);
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var json = JsonSerializer.Serialize(input, Json);
        var created = false;
        _instances.GetOrAdd(id, _ =>
        {
            created = true;
            return new Instance(orchestratorName, id, JsonSerializer.Deserialize<RoutedWorkflowInput>(json, Json)!, Interlocked.Increment(ref _sequence));
        });
        return new ScheduleResult(id, created);
    }

    private long _sequence;

    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        if (BeforeRaise is { } hook)
        {
            await hook(instanceId, eventName);
        }

        if (!_instances.ContainsKey(instanceId))
        {
            throw new InvalidOperationException($"No instance {instanceId}.");
        }

        var json = JsonSerializer.Serialize(eventPayload, Json);
        _raised.Enqueue(new RaisedEvent(instanceId, eventName, JsonSerializer.Deserialize<RoutedEvent>(json, Json)!));
    }

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        Task.FromResult(_instances.TryGetValue(instanceId, out var i)
            ? new OrchestrationMetadata(i.Name, i.InstanceId, i.Status, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null, null)
            : null);

    public override Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public override Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public override Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public sealed record RaisedEvent(string InstanceId, string EventName, RoutedEvent Payload);

    private sealed class Instance(string name, string instanceId, RoutedWorkflowInput input, long sequence)
    {
        public string Name { get; } = name;

        public string InstanceId { get; } = instanceId;

        public RoutedWorkflowInput Input { get; } = input;

        public long Sequence { get; } = sequence;

        public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Running;
    }
}
