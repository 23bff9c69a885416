using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Tests.Support;

namespace RetailSync.Workflows.Tests.Runtime;

public sealed class RetryTests
{
    private static readonly RetryPolicy Policy = new(4, TimeSpan.FromSeconds(10), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(15))
    {
        HandleFailure = f => f.IsCausedBy<InvalidOperationException>(),
    };

    private sealed class Retrying : Orchestrator<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            try
            {
                var run = await context.CallActivityAsync<int>(input.StartsWith("broken", StringComparison.Ordinal) ? "Broken" : "Flaky", input, TaskOptions.FromRetryPolicy(Policy));
                return $"ok after {run}";
            }
            catch (TaskFailedException ex)
            {
                return $"failed: {ex.FailureDetails.ErrorType}";
            }
        }
    }

    private sealed class TimeBoxed : Orchestrator<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string input)
        {
            var policy = new RetryPolicy(10, TimeSpan.FromMinutes(1), retryTimeout: TimeSpan.FromMinutes(2.5));
            try
            {
                await context.CallActivityAsync<int>("Flaky", input, TaskOptions.FromRetryPolicy(policy));
                return "ok";
            }
            catch (TaskFailedException)
            {
                return "gave up";
            }
        }
    }

    private static Task<WorkflowHarness> StartAsync() => WorkflowHarness.StartAsync(r => r
        .AddOrchestrator<Retrying>("Retrying").AddOrchestrator<TimeBoxed>("TimeBoxed")
        .AddActivity<Activities.Flaky>("Flaky").AddActivity<Activities.Broken>("Broken"));

    [Fact]
    public async Task Retries_wait_on_durable_timers_with_exponential_backoff_capped_at_the_max_interval()
    {
        await using var h = await StartAsync();

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", "3:r1", new StartOrchestrationOptions("retry-1"));
        var done = await h.CompleteAsync("retry-1", TimeSpan.FromSeconds(5));

        Assert.Equal("ok after 4", done.ReadOutputAs<string>());
        Assert.Equal(4, h.Probe.Count("Flaky:3:r1"));
        var history = await h.HistoryAsync("retry-1");
        var waits = history.Where(e => e.Kind == HistoryEventKind.TimerCreated).Select(e => e.FireAt!.Value - e.Timestamp).ToList();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15)], waits);
        Assert.Equal([1, 2, 3, 4], history.Where(e => e.Kind == HistoryEventKind.TaskScheduled).Select(e => e.Attempt!.Value));
    }

    [Fact]
    public async Task A_failure_the_policy_does_not_handle_is_not_retried()
    {
        await using var h = await StartAsync();

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", "broken", new StartOrchestrationOptions("retry-2"));
        var done = await h.CompleteAsync("retry-2", TimeSpan.FromSeconds(5));

        Assert.Equal("failed: System.ArgumentException", done.ReadOutputAs<string>());
        Assert.Equal(1, h.Probe.Count("Broken:broken"));
    }

    [Fact]
    public async Task Retrying_stops_at_the_retry_timeout()
    {
        await using var h = await StartAsync();

        await h.Client.ScheduleNewOrchestrationInstanceAsync("TimeBoxed", "9:t", new StartOrchestrationOptions("retry-3"));
        var done = await h.CompleteAsync("retry-3", TimeSpan.FromSeconds(30));

        Assert.Equal("gave up", done.ReadOutputAs<string>());
        Assert.Equal(3, h.Probe.Count("Flaky:9:t"));
    }
}
