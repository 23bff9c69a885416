using Microsoft.Extensions.DependencyInjection;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Replay;
using RetailSync.Workflows.Embedded.Storage.InMemory;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Tests.Support;

namespace RetailSync.Workflows.Tests.Runtime;

public sealed class ReplayTests
{
    private sealed class Sequence(Probe probe) : Orchestrator<string, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, string input)
        {
            probe.Increment(context.IsReplaying ? "replays" : "live");
            var results = new List<string>();
            for (var i = 1; i <= 3; i++)
            {
                results.Add(await context.CallActivityAsync<string>(nameof(Activities.Echo), $"{input}-{i}"));
            }

            return results;
        }
    }

    private sealed class CreateThenWait : Orchestrator<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            await context.CallActivityAsync<string>("CreateOrder", input);
            var go = await context.WaitForExternalEvent<string>("Go");
            await context.CallActivityAsync<string>("ReserveStock", input);
            return go;
        }
    }

    private sealed class ReserveFirst : Orchestrator<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            await context.CallActivityAsync<string>("ReserveStock", input);
            var go = await context.WaitForExternalEvent<string>("Go");
            return go;
        }
    }

    private sealed class Guids : Orchestrator<string, Guid[]>
    {
        public override async Task<Guid[]> RunAsync(OrchestrationContext context, string input)
        {
            var first = context.NewGuid();
            var echoed = await context.CallActivityAsync<string>(nameof(Activities.Echo), first.ToString());
            var second = context.NewGuid();
            context.SetCustomStatus(new { stage = "guids", echoed });
            await context.WaitForExternalEvent<string>("Go");
            return [first, second, context.NewGuid()];
        }
    }

    [Fact]
    public async Task Completed_activities_are_replayed_from_history_and_never_run_again()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Sequence>("Sequence").AddActivity<Activities.Echo>(nameof(Activities.Echo)));

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", "a", new StartOrchestrationOptions("seq-1"));
        var done = await h.CompleteAsync("seq-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["a-1!", "a-2!", "a-3!"], done.ReadOutputAs<List<string>>());
        Assert.All(new[] { "a-1", "a-2", "a-3" }, step => Assert.Equal(1, h.Probe.Count("Echo:" + step)));
        Assert.True(h.Probe.Count("replays") >= 3, "each later episode replays from the start");
        var history = await h.HistoryAsync("seq-1");
        Assert.Equal(3, history.Count(e => e.Kind == HistoryEventKind.TaskScheduled));
        Assert.Equal(3, history.Count(e => e.Kind == HistoryEventKind.TaskCompleted));
        Assert.Equal(HistoryEventKind.ExecutionCompleted, history[^1].Kind);
    }

    [Fact]
    public async Task History_that_no_longer_matches_the_code_fails_with_a_non_determinism_error_naming_the_step()
    {
        var time = WorkflowHarness.NewFakeTime();
        var store = new InMemoryWorkflowStore(time);
        var probe = new Probe();
        await using (var v1 = await WorkflowHarness.StartAsync(
                         r => r.AddOrchestrator<CreateThenWait>("Order").AddActivity<Activities.Echo>("CreateOrder").AddActivity<Activities.Echo>("ReserveStock"),
                         store, time, probe: probe))
        {
            await v1.Client.ScheduleNewOrchestrationInstanceAsync("Order", "o1", new StartOrchestrationOptions("order-1"));
            await Eventually.TrueAsync(async () => (await v1.HistoryAsync("order-1")).Any(e => e.Kind == HistoryEventKind.TaskCompleted), "CreateOrder completed");
        }

        // The code changes while the instance waits: it now reserves stock first.
        await using var v2 = await WorkflowHarness.StartAsync(
            r => r.AddOrchestrator<ReserveFirst>("Order").AddActivity<Activities.Echo>("CreateOrder").AddActivity<Activities.Echo>("ReserveStock"),
            store, time, probe: probe);
        await v2.Client.RaiseEventAsync("order-1", "Go", "now");
        var done = await v2.CompleteAsync("order-1");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("expected CallActivity 'ReserveStock' at step 1 but history has CallActivity 'CreateOrder'", done.FailureDetails.ErrorMessage);
        Assert.Equal(0, probe.Count("Echo:o1") - 1);
    }

    [Fact]
    public async Task NewGuid_is_the_same_on_every_replay_and_custom_status_is_visible()
    {
        await using var h = await WorkflowHarness.StartAsync(r => r.AddOrchestrator<Guids>("Guids").AddActivity<Activities.Echo>(nameof(Activities.Echo)));

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Guids", "x", new StartOrchestrationOptions("guids-1"));
        await Eventually.TrueAsync(async () => (await h.Client.GetInstanceAsync("guids-1"))?.SerializedCustomStatus is not null, "custom status set");
        var waiting = await h.Client.GetInstanceAsync("guids-1");
        await h.Client.RaiseEventAsync("guids-1", "Go", "y");
        var done = await h.CompleteAsync("guids-1");

        var guids = done.ReadOutputAs<Guid[]>()!;
        Assert.Equal(3, guids.Distinct().Count());
        Assert.Equal(5, (int)(guids[0].ToByteArray(bigEndian: true)[6] >> 4));
        Assert.Equal(guids[0].ToString(), h.Probe.Log.Single());
        Assert.Contains("\"stage\":\"guids\"", waiting!.SerializedCustomStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
    }

    [Fact]
    public async Task An_unknown_workflow_fails_with_a_clear_error()
    {
        await using var h = await WorkflowHarness.StartAsync(_ => { });

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Nope", null, new StartOrchestrationOptions("nope-1"));
        var done = await h.CompleteAsync("nope-1");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No workflow named 'Nope'", done.FailureDetails!.ErrorMessage);
    }
}
