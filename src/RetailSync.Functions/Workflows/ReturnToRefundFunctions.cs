using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using RetailSync.Ledgers.Exceptions;
using RetailSync.OrderToCash.Activities;
using RetailSync.ReturnToRefund;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.Routing;

namespace RetailSync.Functions.Workflows;

/// <summary>
/// The return-to-refund workflow and its activities as Durable functions, one per registration of
/// <see cref="ReturnToRefundServiceCollectionExtensions.Register"/>, named by <see cref="ReturnToRefundNames"/>. Each
/// binds its input with the activity's input type (the worker deserialises it) and hands over to the library.
/// </summary>
public sealed class ReturnToRefundFunctions(WorkflowInvoker workflows)
{
    [Function(ReturnToRefundNames.Workflow)]
    public Task<object?> ReturnToRefund([OrchestrationTrigger] TaskOrchestrationContext context)
        => workflows.RunOrchestratorAsync<RoutedWorkflowInput>(ReturnToRefundNames.Workflow, context);

    [Function(ReturnToRefundNames.LoadPolicyActivity)]
    public Task<object?> LoadPolicy([ActivityTrigger] string? input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.LoadPolicyActivity, input, context);

    [Function(ReturnToRefundNames.LocateOrderActivity)]
    public Task<object?> LocateOrder([ActivityTrigger] LocateOrderInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.LocateOrderActivity, input, context);

    [Function(ReturnToRefundNames.CreateReturnActivity)]
    public Task<object?> CreateReturn([ActivityTrigger] CreateReturnInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.CreateReturnActivity, input, context);

    [Function(ReturnToRefundNames.CancelReturnActivity)]
    public Task<object?> CancelReturn([ActivityTrigger] ReturnPickingInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.CancelReturnActivity, input, context);

    [Function(ReturnToRefundNames.ReceiveReturnActivity)]
    public Task<object?> ReceiveReturn([ActivityTrigger] ReceiveReturnInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.ReceiveReturnActivity, input, context);

    [Function(ReturnToRefundNames.RefundAtGatewayActivity)]
    public Task<object?> RefundAtGateway([ActivityTrigger] GatewayRefundInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.RefundAtGatewayActivity, input, context);

    [Function(ReturnToRefundNames.GetGatewayRefundActivity)]
    public Task<object?> GetGatewayRefund([ActivityTrigger] GatewayRefundLookup input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.GetGatewayRefundActivity, input, context);

    [Function(ReturnToRefundNames.CreateCreditNoteActivity)]
    public Task<object?> CreateCreditNote([ActivityTrigger] CreditNoteInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.CreateCreditNoteActivity, input, context);

    [Function(ReturnToRefundNames.RegisterRefundActivity)]
    public Task<object?> RegisterRefund([ActivityTrigger] RegisterRefundInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.RegisterRefundActivity, input, context);

    [Function(ReturnToRefundNames.StartExchangeActivity)]
    public Task<object?> StartExchange([ActivityTrigger] StartExchangeInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.StartExchangeActivity, input, context);

    [Function(ReturnToRefundNames.RecordExceptionActivity)]
    public Task<object?> RecordException([ActivityTrigger] ExceptionDraft input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.RecordExceptionActivity, input, context);

    [Function(ReturnToRefundNames.ResolveExceptionActivity)]
    public Task<object?> ResolveException([ActivityTrigger] ResolveExceptionInput input, FunctionContext context)
        => workflows.RunActivityAsync(ReturnToRefundNames.ResolveExceptionActivity, input, context);
}
