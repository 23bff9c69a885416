using RetailSync.Testing;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Storage.AzureStorage;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Tests.Support;

namespace RetailSync.Workflows.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageRuntimeTests(AzuriteFixture azurite)
{
    private sealed class Steps : Orchestrator<string, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, string input)
        {
            var results = new List<string>();
            for (var i = 1; i <= 3; i++)
            {
                results.Add(await context.CallActivityAsync<string>(nameof(Activities.Echo), $"{input}-{i}"));
            }

            results.Add(await context.WaitForExternalEvent<string>("Paid"));
            await context.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            context.SetCustomStatus("done");
            return results;
        }
    }

    private static readonly Dictionary<string, string?> FastPolling = new()
    {
        ["Workflows:TimerPollInterval"] = "00:00:00.2",
        ["Workflows:MaxQueuePollingInterval"] = "00:00:00.1",
    };

    private AzureStorageWorkflowStore NewStore(string hub) => new(azurite.ConnectionString, hub, TimeSpan.FromMilliseconds(100));

    private static void Register(Registration.WorkflowRegistry r) => r.AddOrchestrator<Steps>("Steps").AddActivity<Activities.Echo>(nameof(Activities.Echo));

    [Fact]
    public async Task A_workflow_runs_end_to_end_on_table_and_queue_storage_with_slashes_in_its_id()
    {
        var hub = azurite.UniqueName("hub");
        await using var h = await WorkflowHarness.StartAsync(Register, NewStore(hub), TimeProvider.System, FastPolling);
        const string id = "order:shopify:acme.myshopify.com/450789469";

        await h.Client.RaiseEventAsync(id, "Paid", "paid-early");
        Assert.True((await h.Client.ScheduleNewOrchestrationInstanceAsync("Steps", "o", new StartOrchestrationOptions(id))).Created);
        Assert.False((await h.Client.ScheduleNewOrchestrationInstanceAsync("Steps", "o", new StartOrchestrationOptions(id))).Created);
        var done = await h.CompleteAsync(id, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["o-1!", "o-2!", "o-3!", "paid-early"], done.ReadOutputAs<List<string>>());
        Assert.Equal("done", done.ReadCustomStatusAs<string>());
        var history = await h.HistoryAsync(id);
        Assert.Equal(3, history.Count(e => e.Kind == HistoryEventKind.TaskCompleted));
        Assert.Single(history, e => e.Kind == HistoryEventKind.TimerFired);
        Assert.Equal(1, h.Probe.Count("Echo:o-1"));
    }

    [Fact]
    public async Task A_pending_timer_and_an_unprocessed_event_survive_a_restart_on_storage()
    {
        var hub = azurite.UniqueName("hub");
        var probe = new Probe();
        await using (var first = await WorkflowHarness.StartAsync(Register, NewStore(hub), TimeProvider.System, FastPolling, probe))
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync("Steps", "r", new StartOrchestrationOptions("restart-1"));
            await first.Client.RaiseEventAsync("restart-1", "Paid", "paid");
            await Eventually.TrueAsync(async () => (await first.HistoryAsync("restart-1")).Any(e => e.Kind == HistoryEventKind.TimerCreated), "the timer is committed");
        }

        await using var second = await WorkflowHarness.StartAsync(Register, NewStore(hub), TimeProvider.System, FastPolling, probe);
        var done = await second.CompleteAsync("restart-1", timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.All(new[] { "r-1", "r-2", "r-3" }, step => Assert.Equal(1, probe.Count("Echo:" + step)));
    }

    [Fact]
    public async Task Two_runtimes_on_one_store_finish_every_instance_once_under_concurrent_events()
    {
        var hub = azurite.UniqueName("hub");
        var probe = new Probe();
        await using var a = await WorkflowHarness.StartAsync(Register, NewStore(hub), TimeProvider.System, FastPolling, probe);
        await using var b = await WorkflowHarness.StartAsync(Register, NewStore(hub), TimeProvider.System, FastPolling, probe);
        var ids = Enumerable.Range(0, 12).Select(i => $"pair:{i}").ToList();

        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            var client = i % 2 == 0 ? a.Client : b.Client;
            await client.ScheduleNewOrchestrationInstanceAsync("Steps", id, new StartOrchestrationOptions(id));
            await Task.WhenAll(client.RaiseEventAsync(id, "Paid", "first"), (i % 2 == 0 ? b : a).Client.RaiseEventAsync(id, "Other", "ignored"));
        }));
        var results = await Task.WhenAll(ids.Select(id => a.CompleteAsync(id, timeout: TimeSpan.FromSeconds(90))));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(ids, id => Assert.Equal(1, probe.Count($"Echo:{id}-1")));
        var page = await a.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "pair:", PageSize = 5, Statuses = [OrchestrationRuntimeStatus.Completed] });
        Assert.Equal(5, page.Instances.Count);
        Assert.NotNull(page.ContinuationToken);
        Assert.All(page.Instances, i => Assert.StartsWith("pair:", i.InstanceId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purge_deletes_the_whole_instance_partition()
    {
        var hub = azurite.UniqueName("hub");
        await using var h = await WorkflowHarness.StartAsync(Register, NewStore(hub), TimeProvider.System, FastPolling);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Steps", "p", new StartOrchestrationOptions("purge/1"));
        await h.Client.RaiseEventAsync("purge/1", "Paid", "x");
        await h.CompleteAsync("purge/1", timeout: TimeSpan.FromSeconds(60));

        Assert.True(await h.Client.PurgeInstanceAsync("purge/1"));

        var snapshot = await h.Store.LoadAsync("purge/1");
        Assert.Null(snapshot.State);
        Assert.Empty(snapshot.History);
        Assert.Empty(snapshot.Inbox);
        Assert.Empty(snapshot.Outbox);
    }
}
