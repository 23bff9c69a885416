using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.Embedded.Runtime;
using RetailSync.Workflows.Embedded.Storage;
using RetailSync.Workflows.Embedded.Storage.InMemory;
using RetailSync.Workflows.Registration;

namespace RetailSync.Workflows.Tests.Support;

/// <summary>A started embedded runtime on a store (in memory with fake time by default) plus its client.</summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WorkflowHarness(ServiceProvider services, TimeProvider time)
    {
        _services = services;
        Time = time;
        Store = services.GetRequiredService<IWorkflowStore>();
        Runtime = services.GetRequiredService<EmbeddedWorkflowRuntime>();
        Client = services.GetRequiredService<OrchestrationClient>();
        Probe = services.GetRequiredService<Probe>();
    }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public IWorkflowStore Store { get; }

    public EmbeddedWorkflowRuntime Runtime { get; }

    public OrchestrationClient Client { get; }

    public Probe Probe { get; }

    public static FakeTimeProvider NewFakeTime() => new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public static async Task<WorkflowHarness> StartAsync(
        Action<WorkflowRegistry> register,
        IWorkflowStore? store = null,
        TimeProvider? time = null,
        Dictionary<string, string?>? settings = null,
        Probe? probe = null,
        bool start = true)
    {
        time ??= NewFakeTime();
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workflows:Store"] = "InMemory", ["Workflows:TimerPollInterval"] = "00:00:01" })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(probe ?? new Probe());
        services.AddSingleton(store ?? new InMemoryWorkflowStore(time));
        services.AddEmbeddedWorkflowRuntime(config, register);
        var provider = services.BuildServiceProvider();
        var harness = new WorkflowHarness(provider, time);
        if (start)
        {
            await harness.Runtime.StartAsync();
        }

        return harness;
    }

    /// <summary>Waits for the instance to finish; with fake time, fires due timers by advancing the clock in <paramref name="step"/>s.</summary>
    public async Task<OrchestrationMetadata> CompleteAsync(string instanceId, TimeSpan? step = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        if (step is null || Time is not FakeTimeProvider fake)
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, true, cts.Token);
        }

        while (true)
        {
            var state = await Client.GetInstanceAsync(instanceId, true, cts.Token);
            if (state is { IsCompleted: true })
            {
                return state;
            }

            // Advance only once the instance is idle on a timer: its history ends in a pending TimerCreated.
            if (await HasPendingTimerAsync(instanceId))
            {
                fake.Advance(step.Value);
            }

            await Task.Yield();
            await Eventually.PauseAsync(cts.Token);
        }
    }

    public async Task<bool> HasPendingTimerAsync(string instanceId)
    {
        var snapshot = await Store.LoadAsync(instanceId);
        var created = snapshot.History.Where(e => e.Kind == HistoryEventKind.TimerCreated).Select(e => e.TaskId).ToHashSet();
        created.ExceptWith(snapshot.History.Where(e => e.Kind == HistoryEventKind.TimerFired).Select(e => e.TaskId));
        return created.Count > 0 && snapshot.Inbox.Count == 0 && snapshot.Outbox.Count == 0;
    }

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId) => (await Store.LoadAsync(instanceId)).History;

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await _services.DisposeAsync();
    }
}
