using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RetailSync.Events;
using RetailSync.Ops;
using RetailSync.Ops.Workflows;
using RetailSync.ReturnToRefund.Tests.Support;
using RetailSync.ReturnToRefund.Workflow;
using RetailSync.Testing;

namespace RetailSync.ReturnToRefund.Tests.Ops;

/// <summary>The approve and reject operations against a real return waiting for approval on the embedded runtime.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApprovalOpsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Approve_is_refused_unless_the_return_awaits_that_approval_and_then_delivered_once()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 17, new() { ["ReturnToRefund:ApprovalThreshold"] = "20" });
        var order = await harness.DeliveredOrderAsync("3001");
        var r = new ReturnScenario("loop", "R-3001", order);

        Assert.Equal(ResolveStatus.NotFound, (await harness.Ops.DecideApprovalAsync(r.InstanceId, new ApprovalRequest(), approve: true)).Status);
        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 1)]));
        await harness.StatusWhenAsync(r, s => s.ReturnPickingId is not null, "the return transfer exists");
        Assert.Equal(ResolveStatus.NotParked, (await harness.Ops.DecideApprovalAsync(r.InstanceId, new ApprovalRequest(), approve: true)).Status);

        await harness.SendAsync(r, r.Received("RCPT-1", [("TEE-BLK-M", 1, InspectionResult.AsNew, ReturnDisposition.Restock)]));
        var waiting = await harness.StatusWhenAsync(r, s => s.AwaitingApproval is not null, "the refund waits for approval");
        var view = await harness.Ops.GetAsync(r.InstanceId);
        Assert.Equal(waiting.AwaitingApproval!.ApprovalId, view!.AwaitingApprovalId);

        Assert.Equal(ResolveStatus.Invalid, (await harness.Ops.DecideApprovalAsync(r.InstanceId, new ApprovalRequest(new string('x', 2001)), approve: true)).Status);
        var wrong = await harness.Ops.DecideApprovalAsync(r.InstanceId, new ApprovalRequest(ApprovalId: "return:loop:R-3001|approval|9"), approve: true);
        Assert.Equal(ResolveStatus.NotParked, wrong.Status);
        Assert.Equal(waiting.AwaitingApproval.ApprovalId, wrong.ExceptionId);
        Assert.Empty(harness.RefundsOf(order));

        var accepted = await harness.Ops.DecideApprovalAsync(r.InstanceId, new ApprovalRequest("checked the parcel", DecidedBy: "ops@example.com"), approve: true);
        Assert.Equal(ResolveStatus.Accepted, accepted.Status);
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.Completed, result.Outcome);
        Assert.Single(harness.RefundsOf(order));
        Assert.Equal(ResolveStatus.NotParked, (await harness.Ops.DecideApprovalAsync(r.InstanceId, new ApprovalRequest(), approve: false)).Status);
    }

    [Fact]
    public async Task The_http_answers_are_202_404_409_and_400_and_reject_delivers_the_note()
    {
        await using var harness = await RtrHarness.StartAsync(azurite, 18, new() { ["ReturnToRefund:ApprovalThreshold"] = "20" });
        var order = await harness.DeliveredOrderAsync("3002");
        var r = new ReturnScenario("loop", "R-3002", order);
        var escaped = Uri.EscapeDataString(r.InstanceId);

        Assert.Equal(StatusCodes.Status404NotFound, StatusOf(await OpsResults.DecideApprovalAsync(harness.Ops, escaped, null, approve: false, default)));
        await harness.SendAsync(r, r.Authorized([("TEE-BLK-M", 1)]), r.Received("RCPT-1", [("TEE-BLK-M", 1, InspectionResult.AsNew, ReturnDisposition.Restock)]));
        await harness.StatusWhenAsync(r, s => s.AwaitingApproval is not null, "the refund waits for approval");

        Assert.Equal(StatusCodes.Status400BadRequest, StatusOf(await OpsResults.DecideApprovalAsync(harness.Ops, escaped, new ApprovalRequest(new string('x', 2001)), approve: false, default)));
        Assert.Equal(StatusCodes.Status409Conflict, StatusOf(await OpsResults.DecideApprovalAsync(harness.Ops, escaped, new ApprovalRequest(ApprovalId: "other"), approve: false, default)));
        var answer = await OpsResults.DecideApprovalAsync(harness.Ops, escaped, new ApprovalRequest("item was worn"), approve: false, default);
        Assert.Equal(StatusCodes.Status202Accepted, StatusOf(answer));
        var result = await harness.CompletedAsync(r);

        Assert.Equal(ReturnToRefundOutcome.RefundRejected, result.Outcome);
        Assert.Equal("item was worn", result.RejectionReason);
        Assert.Empty(harness.RefundsOf(order));
        Assert.Empty(harness.CreditNotesOf(order));
    }

    private static int? StatusOf(IResult result) => result switch
    {
        IStatusCodeHttpResult status => status.StatusCode,
        _ => null,
    };
}
