using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using RetailSync.Demo.Scenarios;
using RetailSync.Demo.TradingDay;
using Spectre.Console;

namespace RetailSync.Demo;

/// <summary>
/// Drives a trading day's webhooks through the local host and checks every answer: accepted deliveries,
/// retries answered with the same ids, refusals with the right status, and the queue holding exactly the
/// accepted events (part 1); then runs a trading day through order-to-cash into Odoo and reconciles it (part 2,
/// <see cref="TradingDay.TradingDayDemo"/>). Ends with <c>RESULT demo accepted=.. duplicates=.. rejected=.. queued=..
/// orders=.. odoo_orders=.. completed=.. parked=.. mismatches=..</c>.
/// </summary>
public static class DemoRunner
{
    private const string QueueName = "retail-events";

    /// <summary>The channels' scenarios, in the order they appear in the summary. Later flows add theirs here.</summary>
    public static IReadOnlyList<IDemoScenario> Scenarios { get; } =
        [new ShopifyScenario(), new StripeScenario(), new LoopScenario(), new WarehouseScenario(), new PosScenario()];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        // Redirected output (CI, build.sh | tee) defaults to 80 columns, too narrow for the reconciliation table.
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
        if (!DemoOptions.TryParse(args, out var options, out var usage))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{usage}[/]");
            return 2;
        }

        var connection = Environment.GetEnvironmentVariable("RETAILSYNC_STORAGE_CONNECTION_STRING");
        if (string.IsNullOrWhiteSpace(connection))
        {
            AnsiConsole.MarkupLine("[red]RETAILSYNC_STORAGE_CONNECTION_STRING is not set; run ./build.sh demo (it starts Azurite).[/]");
            Console.WriteLine("RESULT demo accepted=0 duplicates=0 rejected=0 queued=0 orders=0 odoo_orders=0 completed=0 returns=0 refunds=0 credit_notes=0 parked=0 mismatches=0");
            return 2;
        }

        // Part 1, the front door: every kind of delivery, good and bad, answered as a channel expects.
        var problems = new ConcurrentQueue<string>();
        var frontDoor = await RunFrontDoorAsync(connection, options.Port, problems, cancellationToken);

        // Part 2, the trading day: orders through order-to-cash into Odoo, then reconciled.
        var day = await TradingDayDemo.RunAsync(connection, options, problems, cancellationToken);

        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]unexpected:[/] {problem}");
        }

        var clean = problems.IsEmpty && day.Mismatches == 0 && day.Parked == 0;
        AnsiConsole.MarkupLine(clean
            ? "[green]Every delivery got the answer a channel should get, and Odoo holds exactly what the channels said: every order, every refund and its credit note.[/]"
            : $"[red]{problems.Count} unexpected outcome(s), {day.Mismatches} mismatch(es), {day.Parked} parked order(s).[/]");
        Console.Out.Flush();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"RESULT demo accepted={frontDoor.Accepted} duplicates={frontDoor.Duplicates} rejected={frontDoor.Rejected} queued={frontDoor.Queued} orders={day.Orders.Count} odoo_orders={day.OdooOrders} completed={day.Completed} returns={day.Returns?.Returns.Count ?? 0} refunds={day.Returns?.Refunds ?? 0} credit_notes={day.Returns?.CreditNotes ?? 0} parked={day.Parked} mismatches={day.Mismatches}"));
        return clean ? 0 : 1;
    }

    private static async Task<(int Accepted, int Duplicates, int Rejected, long Queued)> RunFrontDoorAsync(string connection, int port, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var queue = new QueueClient(connection, QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var before = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

        // Ingestion only: this part counts what reaches the queue, so the local dispatcher must not drain it.
        await using var host = await DemoHost.StartAsync(connection, QueueName, new Dictionary<string, string?>
        {
            ["Dispatch:PumpEnabled"] = "false",
            ["Dispatch:SweepEnabled"] = "false",
            ["Workflows:Store"] = "InMemory",
        }, port, cancellationToken);
        AnsiConsole.MarkupLine($"[bold]RetailSync demo, part 1: the front door[/]: local host on [blue]{host.Address}[/], queue [blue]{QueueName}[/]");
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };

        var context = new DemoContext(TimeProvider.System);
        var tallies = Scenarios.Select(s => new ChannelTally(s.Channel)).ToArray();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var runs = Scenarios.Select((scenario, i) =>
                {
                    var deliveries = scenario.Deliveries(context);
                    var task = progress.AddTask($"{scenario.Channel,-10}", maxValue: deliveries.Count);
                    return RunScenarioAsync(http, deliveries, tallies[i], task, problems, cancellationToken);
                });
                await Task.WhenAll(runs);
            });

        var after = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        var queued = after - before;
        var table = new Table().Title("Deliveries").AddColumns("channel", "accepted", "duplicates", "ignored", "rejected", "events queued");
        foreach (var tally in tallies)
        {
            table.AddRow(tally.Channel, Text(tally.Accepted), Text(tally.Duplicates), Text(tally.Ignored), Text(tally.Rejected), Text(tally.Events));
        }

        var accepted = tallies.Sum(t => t.Accepted);
        var duplicates = tallies.Sum(t => t.Duplicates);
        var rejected = tallies.Sum(t => t.Rejected);
        var events = tallies.Sum(t => t.Events);
        table.AddRow("[bold]total[/]", Text(accepted), Text(duplicates), Text(tallies.Sum(t => t.Ignored)), Text(rejected), $"{events} (on queue: {queued})");
        AnsiConsole.Write(table);

        if (queued != events)
        {
            problems.Enqueue($"the queue holds {queued} new message(s) but {events} event(s) were accepted");
        }

        return (accepted, duplicates, rejected, queued);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task RunScenarioAsync(
        HttpClient http,
        IReadOnlyList<DemoDelivery> deliveries,
        ChannelTally tally,
        ProgressTask task,
        ConcurrentQueue<string> problems,
        CancellationToken cancellationToken)
    {
        var idsByLabel = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var delivery in deliveries)
        {
            try
            {
                using var request = delivery.ToRequest();

                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;
                if (status != 202)
                {
                    tally.Reject();
                    if (delivery.Expect != DemoExpectation.Rejected || status != delivery.ExpectedStatus)
                    {
                        problems.Enqueue($"{tally.Channel} {delivery.Label}: expected {delivery.Expect} ({delivery.ExpectedStatus}), got {status}");
                    }

                    continue;
                }

                using var json = JsonDocument.Parse(body);
                var state = json.RootElement.GetProperty("status").GetString();
                var ids = json.RootElement.GetProperty("eventIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
                switch (state)
                {
                    case "accepted":
                        tally.Accept(ids.Length);
                        idsByLabel.TryAdd(delivery.Label, ids);
                        break;
                    case "duplicate":
                        tally.Duplicate();
                        break;
                    default:
                        tally.Ignore();
                        break;
                }

                var expected = delivery.Expect switch
                {
                    DemoExpectation.Accepted => "accepted",
                    DemoExpectation.Duplicate => "duplicate",
                    DemoExpectation.Ignored => "ignored",
                    _ => "rejected",
                };
                if (state != expected)
                {
                    problems.Enqueue($"{tally.Channel} {delivery.Label}: expected {expected}, got {state}");
                }
                else if (delivery.DuplicateOf is { } original && (!idsByLabel.TryGetValue(original, out var first) || !first.SequenceEqual(ids)))
                {
                    problems.Enqueue($"{tally.Channel} {delivery.Label}: a retry did not carry the ids of the first delivery");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException)
            {
                problems.Enqueue($"{tally.Channel} {delivery.Label}: {ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                task.Increment(1);
            }
        }
    }
}
