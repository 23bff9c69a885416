using RetailSync.Workflows.Client;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Tests.Support;

namespace RetailSync.Workflows.Tests.Runtime;

public sealed class LifecycleTests
{
    private sealed class Parent : Orchestrator<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            var a = await context.CallSubOrchestratorAsync<string>("Child", input + "-a");
            var b = await context.CallSubOrchestratorAsync<string>("Child", input + "-b", new SubOrchestrationOptions(InstanceId: context.InstanceId + ":named"));
            try
            {
                await context.CallSubOrchestratorAsync<string>("Child", "fail");
                return "unexpected";
            }
            catch (TaskFailedException ex)
            {
                return $"{a},{b},{ex.FailureDetails.ErrorType}";
            }
        }
    }

    private sealed class Child : Orchestrator<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            if (input == "fail")
            {
                throw new InvalidOperationException("child failed");
            }

            return await context.CallActivityAsync<string>(nameof(Activities.Echo), input);
        }
    }

    private sealed class Counter : Orchestrator<int, int>
    {
        public override async Task<int> RunAsync(OrchestrationContext context, int generation)
        {
            var delta = await context.WaitForExternalEvent<int>("Add");
            if (generation + delta >= 30)
            {
                return generation + delta;
            }

            context.ContinueAsNew(generation + delta);
            return 0;
        }
    }

    private sealed class Waiter : Orchestrator<string, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, string input) => context.WaitForExternalEvent<string>("Never");
    }

    private sealed class FanOut : Orchestrator<int, int>
    {
        public override async Task<int> RunAsync(OrchestrationContext context, int count)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(nameof(Activities.Blocking), i)));
            return results.Sum();
        }
    }

    [Fact]
    public async Task Sub_orchestrations_return_their_output_and_their_failures_to_the_parent()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Parent>("Parent").AddOrchestrator<Child>("Child").AddActivity<Activities.Echo>(nameof(Activities.Echo)));

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Parent", "p", new StartOrchestrationOptions("parent-1"));
        var done = await h.CompleteAsync("parent-1");

        Assert.Equal("p-a!,p-b!,System.InvalidOperationException", done.ReadOutputAs<string>());
        var named = await h.Client.GetInstanceAsync("parent-1:named", true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, named!.RuntimeStatus);
        Assert.Equal("Child", named.Name);
    }

    [Fact]
    public async Task ContinueAsNew_restarts_with_new_input_and_keeps_unprocessed_events()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Counter>("Counter"));

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0, new StartOrchestrationOptions("counter-1"));
        foreach (var delta in new[] { 5, 10, 15 })
        {
            await h.Client.RaiseEventAsync("counter-1", "Add", delta);
        }

        var done = await h.CompleteAsync("counter-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(30, done.ReadOutputAs<int>());
        Assert.Equal("15", done.SerializedInput);
        var history = await h.HistoryAsync("counter-1");
        Assert.Single(history, e => e.Kind == Embedded.History.HistoryEventKind.EventRaised);
    }

    [Fact]
    public async Task Scheduling_an_existing_instance_id_is_idempotent()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Child>("Child").AddActivity<Activities.Echo>(nameof(Activities.Echo)));

        var first = await h.Client.ScheduleNewOrchestrationInstanceAsync("Child", "once", new StartOrchestrationOptions("idem-1"));
        var second = await h.Client.ScheduleNewOrchestrationInstanceAsync("Child", "twice", new StartOrchestrationOptions("idem-1"));
        var done = await h.CompleteAsync("idem-1");
        var third = await h.Client.ScheduleNewOrchestrationInstanceAsync("Child", "thrice", new StartOrchestrationOptions("idem-1"));

        Assert.Equal(new ScheduleResult("idem-1", true), first);
        Assert.Equal(new ScheduleResult("idem-1", false), second);
        Assert.False(third.Created);
        Assert.Equal("once!", done.ReadOutputAs<string>());
        Assert.Equal(1, h.Probe.Count("Echo:once"));
        Assert.Equal(0, h.Probe.Count("Echo:twice"));
    }

    [Fact]
    public async Task Terminate_ends_a_running_instance_and_purge_removes_only_finished_ones()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Waiter>("Waiter"));
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "w", new StartOrchestrationOptions("term-1"));
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "w", new StartOrchestrationOptions("term-2"));
        await Eventually.TrueAsync(async () => (await h.Client.GetInstanceAsync("term-2"))!.RuntimeStatus == OrchestrationRuntimeStatus.Running, "term-2 runs");

        await h.Client.TerminateInstanceAsync("term-1", "cancelled by ops");
        var terminated = await h.CompleteAsync("term-1");

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("cancelled by ops", terminated.ReadOutputAs<string>());
        Assert.False(await h.Client.PurgeInstanceAsync("term-2"));
        Assert.True(await h.Client.PurgeInstanceAsync("term-1"));
        Assert.Null(await h.Client.GetInstanceAsync("term-1"));
        Assert.False(await h.Client.PurgeInstanceAsync("term-1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.TerminateInstanceAsync("missing"));
    }

    [Fact]
    public async Task Query_filters_by_status_prefix_and_creation_time_and_pages_with_a_continuation_token()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Waiter>("Waiter"), start: false);
        var t0 = h.Time.GetUtcNow();
        for (var i = 0; i < 25; i++)
        {
            await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "w", new StartOrchestrationOptions($"order:q:{i:D2}"));
            h.FakeTime.Advance(TimeSpan.FromMinutes(1));
        }

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "w", new StartOrchestrationOptions("return:q:1"));

        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await h.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "order:q:", PageSize = 10, ContinuationToken = token });
            ids.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"order:q:{i:D2}"), ids);
        var window = await h.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = t0.AddMinutes(5), CreatedTo = t0.AddMinutes(10), PageSize = 100 });
        Assert.Equal(5, window.Instances.Count);
        var pending = await h.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending], PageSize = 100 });
        Assert.Equal(26, pending.Instances.Count);
        var completed = await h.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] });
        Assert.Empty(completed.Instances);
    }

    [Fact]
    public async Task No_more_activities_run_at_once_than_the_configured_bound()
    {
        await using var h = await WorkflowHarness.StartAsync(
            r => r.AddOrchestrator<FanOut>("FanOut").AddActivity<Activities.Blocking>(nameof(Activities.Blocking)),
            settings: new() { ["Workflows:MaxActivitiesInFlight"] = "4" });

        await h.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 20, new StartOrchestrationOptions("fan-1"));
        await Eventually.TrueAsync(() => Task.FromResult(h.Probe.Running == 4), "four activities are running");
        var workItemsWaiting = await h.Store.WorkItemQueue.ReceiveAsync(32, TimeSpan.FromMilliseconds(1), TimeSpan.Zero);
        Assert.Equal(4, h.Runtime.ActivitiesInFlight);
        foreach (var m in workItemsWaiting)
        {
            await h.Store.WorkItemQueue.AbandonAsync(m);
        }

        h.Probe.Gate.Release(20);
        var done = await h.CompleteAsync("fan-1");

        Assert.Equal(190, done.ReadOutputAs<int>());
        Assert.Equal(4, h.Probe.Peak);
        Assert.Equal(4, h.Runtime.PeakActivitiesInFlight);
        Assert.Equal(16, workItemsWaiting.Count);
    }

    [Fact]
    public async Task Concurrent_stops_from_the_host_and_the_container_both_complete_and_the_runtime_can_start_again()
    {
        await using var harness = await WorkflowHarness.StartAsync(registry => registry.AddOrchestrator<Waiter>());

        // The hosted service's StopAsync and the container's DisposeAsync stop the runtime at the same time.
        await Task.WhenAll(harness.Runtime.StopAsync(), harness.Runtime.StopAsync());

        await harness.Runtime.StartAsync();
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Waiter), "after-restart", new(InstanceId: "restarted"));
        await harness.Client.RaiseEventAsync("restarted", "Never", "x");
        var done = await harness.CompleteAsync("restarted");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("x", done.ReadOutputAs<string>());
    }
}
