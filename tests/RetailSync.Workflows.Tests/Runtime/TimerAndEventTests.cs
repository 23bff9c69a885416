using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Storage.InMemory;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Tests.Support;

namespace RetailSync.Workflows.Tests.Runtime;

public sealed class TimerAndEventTests
{
    private sealed class Sleeper : Orchestrator<int, DateTime[]>
    {
        public override async Task<DateTime[]> RunAsync(OrchestrationContext context, int minutes)
        {
            var before = context.CurrentUtcDateTime;
            await context.CreateTimer(TimeSpan.FromMinutes(minutes), CancellationToken.None);
            return [before, context.CurrentUtcDateTime];
        }
    }

    private sealed class Collector : Orchestrator<int, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, int count)
        {
            var got = new List<string> { await context.WaitForExternalEvent<string>("B") };
            for (var i = 0; i < count; i++)
            {
                got.Add(await context.WaitForExternalEvent<string>("A"));
            }

            return got;
        }
    }

    private sealed class Summer : Orchestrator<int, int>
    {
        public override async Task<int> RunAsync(OrchestrationContext context, int count)
        {
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += await context.WaitForExternalEvent<int>("Item");
            }

            return sum;
        }
    }

    private sealed class Patient : Orchestrator<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            try
            {
                return await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromHours(1));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }
    }

    [Fact]
    public async Task A_durable_timer_fires_when_time_reaches_it_and_CurrentUtcDateTime_follows_history()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Sleeper>("Sleeper"));
        var start = h.Time.GetUtcNow();

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 30, new StartOrchestrationOptions("sleep-1"));
        await Eventually.TrueAsync(() => h.HasPendingTimerAsync("sleep-1"), "the timer is persisted");
        h.FakeTime.Advance(TimeSpan.FromMinutes(29));
        var stillWaiting = await h.Client.GetInstanceAsync("sleep-1");
        var done = await h.CompleteAsync("sleep-1", TimeSpan.FromMinutes(1));

        Assert.Equal(OrchestrationRuntimeStatus.Running, stillWaiting!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var times = done.ReadOutputAs<DateTime[]>()!;
        Assert.Equal(start.UtcDateTime, times[0]);
        Assert.True(times[1] >= start.UtcDateTime.AddMinutes(30), $"after the timer the clock reads {times[1]:o}");
    }

    [Fact]
    public async Task A_pending_timer_survives_a_restart_of_the_runtime()
    {
        var time = WorkflowHarness.NewFakeTime();
        var store = new InMemoryWorkflowStore(time);
        await using (var first = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Sleeper>("Sleeper"), store, time))
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 60, new StartOrchestrationOptions("sleep-2"));
            await Eventually.TrueAsync(() => first.HasPendingTimerAsync("sleep-2"), "the timer is persisted");
        }

        Assert.Equal(1, store.PendingTimerCount);
        time.Advance(TimeSpan.FromHours(2));
        await using var second = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Sleeper>("Sleeper"), store, time);
        var done = await second.CompleteAsync("sleep-2");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(0, store.PendingTimerCount);
    }

    [Fact]
    public async Task Events_raised_before_the_workflow_waits_are_kept_in_order_per_name()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Collector>("Collector"));

        // Raised before the instance even exists: kept in its inbox until it starts.
        await h.Client.RaiseEventAsync("collect-1", "A", "a1");
        await h.Client.RaiseEventAsync("collect-1", "A", "a2");
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Collector", 3, new StartOrchestrationOptions("collect-1"));
        await h.Client.RaiseEventAsync("collect-1", "A", "a3");
        await h.Client.RaiseEventAsync("collect-1", "B", "b1");
        var done = await h.CompleteAsync("collect-1");

        Assert.Equal(["b1", "a1", "a2", "a3"], done.ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task Concurrent_events_to_one_instance_are_each_delivered_exactly_once()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Summer>("Summer"));
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Summer", 100, new StartOrchestrationOptions("sum-1"));

        await Task.WhenAll(Enumerable.Range(1, 100).Select(i => Task.Run(() => h.Client.RaiseEventAsync("sum-1", "Item", i))));
        var done = await h.CompleteAsync("sum-1");

        Assert.Equal(5050, done.ReadOutputAs<int>());
        Assert.Equal(100, (await h.HistoryAsync("sum-1")).Count(e => e.Kind == HistoryEventKind.EventRaised));
    }

    [Fact]
    public async Task Waiting_for_an_event_with_a_timeout_throws_TaskCanceledException_when_the_timer_wins()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Patient>("Patient"));

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Patient", "x", new StartOrchestrationOptions("patient-1"));
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Patient", "y", new StartOrchestrationOptions("patient-2"));
        await h.Client.RaiseEventAsync("patient-2", "Approval", "approved");
        var timedOut = await h.CompleteAsync("patient-1", TimeSpan.FromMinutes(20));
        var approved = await h.CompleteAsync("patient-2");

        Assert.Equal("timed out", timedOut.ReadOutputAs<string>());
        Assert.Equal("approved", approved.ReadOutputAs<string>());

        // The abandoned timer of patient-2 fires later and is ignored.
        h.FakeTime.Advance(TimeSpan.FromHours(2));
        await Eventually.TrueAsync(async () => (await h.Store.LoadAsync("patient-2")).Inbox.Count == 0 && ((InMemoryWorkflowStore)h.Store).PendingTimerCount == 0, "the stale timer is dropped");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.Client.GetInstanceAsync("patient-2"))!.RuntimeStatus);
    }
}
