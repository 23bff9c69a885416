using System.Globalization;
using RetailSync.Events;
using RetailSync.Routing;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.Dispatch.Tests.EndToEnd;

/// <summary>A minimal order workflow: waits for the order and its payment, whichever arrives first.</summary>
public sealed class TestOrderWorkflow : Orchestrator<RoutedWorkflowInput, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, RoutedWorkflowInput input)
    {
        var placed = context.WaitForExternalEvent<RoutedEvent>(RetailEventTypes.OrderPlaced);
        var paid = context.WaitForExternalEvent<RoutedEvent>(RetailEventTypes.PaymentCaptured);
        await Task.WhenAll(placed, paid);
        var amount = paid.Result.Data.GetProperty("amount").GetDecimal();
        return string.Join(
            '|',
            input.BusinessKey,
            placed.Result.EventId,
            paid.Result.EventId,
            paid.Result.PaymentReference,
            paid.Result.OrderKey,
            amount.ToString(CultureInfo.InvariantCulture));
    }
}
