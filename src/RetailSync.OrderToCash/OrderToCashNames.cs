namespace RetailSync.OrderToCash;

/// <summary>Registered names of the order-to-cash workflow, its activities and the events it waits for.</summary>
public static class OrderToCashNames
{
    /// <summary>The workflow; the dispatcher's default <c>Dispatch:OrderWorkflow</c>.</summary>
    public const string Workflow = "OrderToCash";

    /// <summary>External event an operator's decision arrives as (raised by the ops resolve endpoint).</summary>
    public const string ResolveEvent = "retailsync.ops.resolve";

    public const string LoadPolicyActivity = "OrderToCash.LoadPolicy";
    public const string ResolveProductsActivity = "OrderToCash.ResolveProducts";
    public const string EnsureCustomerActivity = "OrderToCash.EnsureCustomer";
    public const string CreateSaleOrderActivity = "OrderToCash.CreateSaleOrder";
    public const string ReadSaleOrderActivity = "OrderToCash.ReadSaleOrder";
    public const string ConfirmSaleOrderActivity = "OrderToCash.ConfirmSaleOrder";
    public const string CancelSaleOrderActivity = "OrderToCash.CancelSaleOrder";
    public const string ValidateDeliveryActivity = "OrderToCash.ValidateDelivery";
    public const string CreateInvoiceActivity = "OrderToCash.CreateInvoice";
    public const string PostInvoiceActivity = "OrderToCash.PostInvoice";
    public const string RegisterPaymentActivity = "OrderToCash.RegisterPayment";
    public const string RecordExceptionActivity = "OrderToCash.RecordException";
    public const string ResolveExceptionActivity = "OrderToCash.ResolveException";
}
