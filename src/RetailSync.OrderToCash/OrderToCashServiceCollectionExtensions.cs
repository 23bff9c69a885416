using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.OrderToCash.Activities;
using RetailSync.OrderToCash.Options;
using RetailSync.OrderToCash.Workflow;
using RetailSync.Workflows.Registration;

namespace RetailSync.OrderToCash;

/// <summary>Wires the order-to-cash workflow into a host.</summary>
public static class OrderToCashServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="OrderToCashOptions"/> (section <c>OrderToCash</c>) and registers the
    /// <c>OrderToCash</c> workflow and its activities in the shared <see cref="WorkflowRegistry"/> (the same instance
    /// <c>AddEmbeddedWorkflowRuntime</c> uses, whichever is called first). The Odoo client (<c>AddOdooClient</c>) and
    /// the ledgers (<c>AddRetailSyncLedgers</c>) are registered by the host.
    /// </summary>
    public static IServiceCollection AddOrderToCash(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OrderToCashOptions();
        configuration.GetSection(OrderToCashOptions.SectionName).Bind(options);
        options.Validate();
        services.AddSingleton(options);

        var registry = services.Select(d => d.ImplementationInstance).OfType<WorkflowRegistry>().FirstOrDefault();
        if (registry is null)
        {
            registry = new WorkflowRegistry();
            services.AddSingleton(registry);
        }

        Register(registry);
        return services;
    }

    /// <summary>Registers the workflow and its activities under their <see cref="OrderToCashNames"/>.</summary>
    public static WorkflowRegistry Register(WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<OrderToCashWorkflow>(OrderToCashNames.Workflow)
            .AddActivity<LoadPolicyActivity>(OrderToCashNames.LoadPolicyActivity)
            .AddActivity<ResolveProductsActivity>(OrderToCashNames.ResolveProductsActivity)
            .AddActivity<EnsureCustomerActivity>(OrderToCashNames.EnsureCustomerActivity)
            .AddActivity<CreateSaleOrderActivity>(OrderToCashNames.CreateSaleOrderActivity)
            .AddActivity<ReadSaleOrderActivity>(OrderToCashNames.ReadSaleOrderActivity)
            .AddActivity<ConfirmSaleOrderActivity>(OrderToCashNames.ConfirmSaleOrderActivity)
            .AddActivity<CancelSaleOrderActivity>(OrderToCashNames.CancelSaleOrderActivity)
            .AddActivity<ValidateDeliveryActivity>(OrderToCashNames.ValidateDeliveryActivity)
            .AddActivity<CreateInvoiceActivity>(OrderToCashNames.CreateInvoiceActivity)
            .AddActivity<PostInvoiceActivity>(OrderToCashNames.PostInvoiceActivity)
            .AddActivity<RegisterPaymentActivity>(OrderToCashNames.RegisterPaymentActivity)
            .AddActivity<RecordExceptionActivity>(OrderToCashNames.RecordExceptionActivity)
            .AddActivity<ResolveExceptionActivity>(OrderToCashNames.ResolveExceptionActivity);
    }
}
