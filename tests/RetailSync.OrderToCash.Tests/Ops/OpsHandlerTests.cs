using RetailSync.Ops.Exceptions;
using RetailSync.Ops.Workflows;
using RetailSync.OrderToCash.Parking;
using RetailSync.OrderToCash.Tests.Support;
using RetailSync.Testing;
using RetailSync.Workflows.Client;

namespace RetailSync.OrderToCash.Tests.Ops;

/// <summary>The ops handlers behind <c>/api/ops</c>, against a live workflow instance.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OpsHandlerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Workflow_view_shows_state_custom_status_history_and_exceptions_of_a_parked_order()
    {
        await using var harness = await O2cHarness.StartAsync(azurite, 17);
        var order = new OrderScenario("4001");
        await harness.SendAsync(order, order.Placed(order.Order(total: 10.00m)));
        var parked = await harness.ParkedAsync(order, "totals-mismatch");

        var view = await harness.Ops.GetAsync(order.InstanceId);

        Assert.NotNull(view);
        Assert.Equal(OrderToCashNames.Workflow, view.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, view.RuntimeStatus);
        Assert.Equal(parked.Parked!.ExceptionId, view.ParkedExceptionId);
        Assert.Equal("parked", view.CustomStatus!.Value.GetProperty("stage").GetString());
        Assert.Contains(view.History, h => h.Contains("parked at check-totals", StringComparison.Ordinal));
        var record = Assert.Single(view.Exceptions);
        Assert.Equal("totals-mismatch", record.Kind);
        Assert.Null(await harness.Ops.GetAsync("order:shopify:acme.myshopify.com/none"));
    }

    [Fact]
    public async Task Resolve_refuses_bad_actions_unknown_instances_unparked_instances_and_other_exceptions()
    {
        await using var harness = await O2cHarness.StartAsync(azurite, 17);
        var order = new OrderScenario("4002");
        await harness.SendAsync(order, order.Placed());
        await harness.StatusWhenAsync(order, s => s.Stage == "in-progress", "the order is confirmed");

        Assert.Equal(ResolveStatus.Invalid, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("reboot"))).Status);
        Assert.Equal(ResolveStatus.Invalid, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest(null))).Status);
        Assert.Equal(ResolveStatus.NotFound, (await harness.Ops.ResolveAsync("order:shopify:nope", new ResolveRequest("retry"))).Status);
        Assert.Equal(ResolveStatus.NotParked, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("retry"))).Status);

        var mismatched = new OrderScenario("4003");
        await harness.SendAsync(mismatched, mismatched.Placed(mismatched.Order(total: 1.00m)));
        var parked = await harness.ParkedAsync(mismatched, "totals-mismatch");
        var other = await harness.Ops.ResolveAsync(mismatched.InstanceId, new ResolveRequest("retry", ExceptionId: "someone-else"));
        Assert.Equal(ResolveStatus.NotParked, other.Status);
        Assert.Equal(parked.Parked!.ExceptionId, other.ExceptionId);
        Assert.Equal("parked", (await harness.StatusAsync(mismatched))!.Stage);
    }

    [Fact]
    public async Task A_stray_decision_for_another_exception_is_ignored_by_the_parked_workflow()
    {
        await using var harness = await O2cHarness.StartAsync(azurite, 18);
        var order = new OrderScenario("4004");
        await harness.SendAsync(order, order.Placed(order.Order(total: 1.00m)));
        var parked = await harness.ParkedAsync(order, "totals-mismatch");

        await harness.Client.RaiseEventAsync(order.InstanceId, OrderToCashNames.ResolveEvent, new OperatorDecision("not-this-one", OperatorAction.Cancel));
        await harness.StatusWhenAsync(order, s => s.History.Any(h => h.Contains("'not-this-one' ignored", StringComparison.Ordinal)), "the stray decision is ignored");
        Assert.Equal("parked", (await harness.StatusAsync(order))!.Stage);

        Assert.Equal(ResolveStatus.Accepted, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("CANCEL"))).Status);
        Assert.Equal(RetailSync.OrderToCash.Workflow.OrderToCashOutcome.CancelledByOperator, (await harness.CompletedAsync(order)).Outcome);
        Assert.Equal(ResolveStatus.NotParked, (await harness.Ops.ResolveAsync(order.InstanceId, new ResolveRequest("retry"))).Status);
        Assert.DoesNotContain((await harness.Services.GetRequiredServiceAsync<ExceptionOpsHandler>().ListOpenAsync(200)).Items, r => r.Id == parked.Parked!.ExceptionId);
    }

    [Fact]
    public async Task Open_exceptions_are_listed_in_pages()
    {
        await using var harness = await O2cHarness.StartAsync(azurite, 17);
        var handler = harness.Services.GetRequiredServiceAsync<ExceptionOpsHandler>();
        for (var i = 0; i < 3; i++)
        {
            await harness.Exceptions.RecordAsync(new() { Id = $"page-test-{i}", Kind = "unknown-sku", Reason = "test" });
        }

        var first = await handler.ListOpenAsync(2);
        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.ContinuationToken);
        var second = await handler.ListOpenAsync(2, first.ContinuationToken);
        Assert.Single(second.Items);
        Assert.Null(second.ContinuationToken);
    }

    [Theory]
    [InlineData("retry", OperatorAction.Retry)]
    [InlineData("Skip-Step", OperatorAction.SkipStep)]
    [InlineData(" cancel ", OperatorAction.Cancel)]
    public void Actions_parse_case_insensitively(string text, OperatorAction expected)
    {
        Assert.True(WorkflowOpsHandler.TryParseAction(text, out var action));
        Assert.Equal(expected, action);
    }
}
