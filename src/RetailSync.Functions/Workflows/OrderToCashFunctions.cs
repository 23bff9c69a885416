using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using RetailSync.Ledgers.Exceptions;
using RetailSync.OrderToCash;
using RetailSync.OrderToCash.Activities;
using RetailSync.Routing;

namespace RetailSync.Functions.Workflows;

/// <summary>
/// The order-to-cash workflow and its activities as Durable functions, one per registration of
/// <see cref="OrderToCashServiceCollectionExtensions.Register"/>, named by <see cref="OrderToCashNames"/>. Each binds
/// its input with the activity's input type (the worker deserialises it) and hands over to the library.
/// </summary>
public sealed class OrderToCashFunctions(WorkflowInvoker workflows)
{
    [Function(OrderToCashNames.Workflow)]
    public Task<object?> OrderToCash([OrchestrationTrigger] TaskOrchestrationContext context)
        => workflows.RunOrchestratorAsync<RoutedWorkflowInput>(OrderToCashNames.Workflow, context);

    [Function(OrderToCashNames.LoadPolicyActivity)]
    public Task<object?> LoadPolicy([ActivityTrigger] string? input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.LoadPolicyActivity, input, context);

    [Function(OrderToCashNames.ResolveProductsActivity)]
    public Task<object?> ResolveProducts([ActivityTrigger] IReadOnlyList<string> input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.ResolveProductsActivity, input, context);

    [Function(OrderToCashNames.EnsureCustomerActivity)]
    public Task<object?> EnsureCustomer([ActivityTrigger] EnsureCustomerInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.EnsureCustomerActivity, input, context);

    [Function(OrderToCashNames.CreateSaleOrderActivity)]
    public Task<object?> CreateSaleOrder([ActivityTrigger] CreateSaleOrderInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.CreateSaleOrderActivity, input, context);

    [Function(OrderToCashNames.ReadSaleOrderActivity)]
    public Task<object?> ReadSaleOrder([ActivityTrigger] OrderStepInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.ReadSaleOrderActivity, input, context);

    [Function(OrderToCashNames.ConfirmSaleOrderActivity)]
    public Task<object?> ConfirmSaleOrder([ActivityTrigger] OrderStepInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.ConfirmSaleOrderActivity, input, context);

    [Function(OrderToCashNames.CancelSaleOrderActivity)]
    public Task<object?> CancelSaleOrder([ActivityTrigger] OrderStepInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.CancelSaleOrderActivity, input, context);

    [Function(OrderToCashNames.ValidateDeliveryActivity)]
    public Task<object?> ValidateDelivery([ActivityTrigger] ValidateDeliveryInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.ValidateDeliveryActivity, input, context);

    [Function(OrderToCashNames.CreateInvoiceActivity)]
    public Task<object?> CreateInvoice([ActivityTrigger] OrderStepInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.CreateInvoiceActivity, input, context);

    [Function(OrderToCashNames.PostInvoiceActivity)]
    public Task<object?> PostInvoice([ActivityTrigger] OrderStepInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.PostInvoiceActivity, input, context);

    [Function(OrderToCashNames.RegisterPaymentActivity)]
    public Task<object?> RegisterPayment([ActivityTrigger] RegisterPaymentInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.RegisterPaymentActivity, input, context);

    [Function(OrderToCashNames.RecordExceptionActivity)]
    public Task<object?> RecordException([ActivityTrigger] ExceptionDraft input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.RecordExceptionActivity, input, context);

    [Function(OrderToCashNames.ResolveExceptionActivity)]
    public Task<object?> ResolveException([ActivityTrigger] ResolveExceptionInput input, FunctionContext context)
        => workflows.RunActivityAsync(OrderToCashNames.ResolveExceptionActivity, input, context);
}
