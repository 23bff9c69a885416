using System.Diagnostics;
using Azure.Data.Tables;
using RetailSync.Testing;
using RetailSync.Workflows.Client;
using RetailSync.Workflows.Embedded.Client;
using RetailSync.Workflows.Embedded.History;
using RetailSync.Workflows.Embedded.Storage.AzureStorage;
using RetailSync.Workflows.Tests.Support;
using Xunit.Abstractions;

namespace RetailSync.Workflows.Tests.Storage;

/// <summary>Kills a real host process (RetailSync.Workflows.TestHost) mid-flow, restarts it, and checks the outcome.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class KillRestartTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Instances = 16;
    private const int Steps = 5;
    private const int MaxActivitiesInFlight = 8;
    private const int MaxOrchestrationsInFlight = 4;

    [Fact]
    public async Task Killing_the_host_mid_flow_loses_no_instance_and_repeats_no_completed_activity()
    {
        var hub = azurite.UniqueName("crash");
        var table = azurite.UniqueName("completions");
        var completions = new TableClient(azurite.ConnectionString, table);
        await completions.CreateIfNotExistsAsync();
        var store = new AzureStorageWorkflowStore(azurite.ConnectionString, hub, TimeSpan.FromMilliseconds(100));
        var client = new EmbeddedOrchestrationClient(store, TimeProvider.System);
        var ids = Enumerable.Range(0, Instances).Select(i => $"order:crash:shop/{i}").ToList();
        foreach (var id in ids)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("CrashTest", Steps, new StartOrchestrationOptions(id));
        }

        // Kill after the runs counted reach these marks: early (first steps), in the middle (timers pending), late.
        var kills = 0;
        foreach (var mark in new[] { 6, 30, 55 })
        {
            using var host = StartHost(hub, table);
            try
            {
                await Eventually.TrueAsync(async () => await CountAsync(completions, "run-") >= mark, $"{mark} activity runs", TimeSpan.FromSeconds(90));
            }
            finally
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }

            kills++;
            output.WriteLine($"killed after {await CountAsync(completions, "run-")} runs, {await CountAsync(completions, "done-")} effects");
        }

        using (var final = StartHost(hub, table))
        {
            try
            {
                foreach (var id in ids)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                    var done = await client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
                    Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
                    Assert.Equal(Enumerable.Range(1, Steps).Select(s => $"{id}#{s}"), done.ReadOutputAs<List<string>>());
                }
            }
            finally
            {
                final.Kill(entireProcessTree: true);
                await final.WaitForExitAsync();
            }
        }

        var runRows = new List<TableEntity>();
        await foreach (var e in completions.QueryAsync<TableEntity>())
        {
            if (e.RowKey.StartsWith("run-", StringComparison.Ordinal))
            {
                runRows.Add(e);
            }
        }

        var runs = runRows.Count;
        var effects = await CountAsync(completions, "done-");
        output.WriteLine($"{runs} runs for {Instances * Steps} steps after {kills} kills");
        Assert.Equal(Instances * Steps, effects);
        Assert.True(runs >= Instances * Steps);

        // Only activities in flight at a kill run again: running (at most MaxActivitiesInFlight) or dispatched by
        // an episode that the kill interrupted (at most MaxOrchestrationsInFlight).
        Assert.True(runs - (Instances * Steps) <= kills * (MaxActivitiesInFlight + MaxOrchestrationsInFlight), $"{runs - (Instances * Steps)} extra runs");
        foreach (var id in ids)
        {
            var history = (await store.LoadAsync(id)).History;
            Assert.Equal(Steps, history.Count(e => e.Kind == HistoryEventKind.TaskCompleted));
            Assert.Equal(Steps, history.Count(e => e.Kind == HistoryEventKind.TaskScheduled));
            Assert.Single(history, e => e.Kind == HistoryEventKind.TimerFired);

            // Completed work is never repeated: no step starts again once an episode after the one that
            // consumed its result has begun (that episode began after the result was committed).
            var scheduled = history.Where(e => e.Kind == HistoryEventKind.TaskScheduled).Select(e => e.TaskId).ToList();
            for (var i = 0; i < history.Count; i++)
            {
                if (history[i].Kind != HistoryEventKind.TaskCompleted)
                {
                    continue;
                }

                var step = scheduled.IndexOf(history[i].TaskId) + 1;
                var next = history.Skip(i + 1).FirstOrDefault(e => e.Kind == HistoryEventKind.OrchestratorStarted);
                if (next is null)
                {
                    continue;
                }

                var late = runRows.Where(r => r.PartitionKey == id.Replace('/', '_') && r.RowKey.StartsWith($"run-{step}-", StringComparison.Ordinal) && r.Timestamp > next.Timestamp).ToList();
                Assert.True(late.Count == 0, $"{id} step {step} ran again at {late.FirstOrDefault()?.Timestamp:o} after its result was committed (before {next.Timestamp:o})");
            }
        }
    }

    private static async Task<int> CountAsync(TableClient table, string prefix)
    {
        var count = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            if (e.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private Process StartHost(string hub, string table)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryPaths.Root, "tests", "RetailSync.Workflows.TestHost", "bin", configuration, "net10.0", "RetailSync.Workflows.TestHost.dll");
        Assert.True(File.Exists(dll), $"{dll} is built with the test project");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["RETAILSYNC_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString;
        start.Environment["Workflows__TaskHub"] = hub;
        start.Environment["Workflows__MaxActivitiesInFlight"] = MaxActivitiesInFlight.ToString();
        start.Environment["Workflows__MaxOrchestrationsInFlight"] = MaxOrchestrationsInFlight.ToString();
        start.Environment["Workflows__ControlQueueVisibilityTimeout"] = "00:00:02";
        start.Environment["Workflows__WorkItemVisibilityTimeout"] = "00:00:05";
        start.Environment["Workflows__OutboxRecoveryDelay"] = "00:00:01";
        start.Environment["Workflows__TimerPollInterval"] = "00:00:00.2";
        start.Environment["Workflows__MaxQueuePollingInterval"] = "00:00:00.1";
        start.Environment["TestHost__CompletionsTable"] = table;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine("host: " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine("host! " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
