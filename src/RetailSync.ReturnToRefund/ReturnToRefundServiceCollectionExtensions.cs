using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using O2cActivities = RetailSync.OrderToCash.Activities;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.ReturnToRefund.Options;
using RetailSync.ReturnToRefund.Workflow;
using RetailSync.Workflows.Registration;

namespace RetailSync.ReturnToRefund;

/// <summary>Wires the return-to-refund workflow into a host.</summary>
public static class ReturnToRefundServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ReturnToRefundOptions"/> (section <c>ReturnToRefund</c>) and registers the
    /// <c>ReturnToRefund</c> workflow and its activities in the shared <see cref="WorkflowRegistry"/>. The Odoo client,
    /// the ledgers, the payments port and the events queue are registered by the host.
    /// </summary>
    public static IServiceCollection AddReturnToRefund(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ReturnToRefundOptions();
        configuration.GetSection(ReturnToRefundOptions.SectionName).Bind(options);
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

    /// <summary>Registers the workflow and its activities under their <see cref="ReturnToRefundNames"/>.</summary>
    public static WorkflowRegistry Register(WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ReturnToRefundWorkflow>(ReturnToRefundNames.Workflow)
            .AddActivity<LoadPolicyActivity>(ReturnToRefundNames.LoadPolicyActivity)
            .AddActivity<LocateOrderActivity>(ReturnToRefundNames.LocateOrderActivity)
            .AddActivity<CreateReturnActivity>(ReturnToRefundNames.CreateReturnActivity)
            .AddActivity<CancelReturnActivity>(ReturnToRefundNames.CancelReturnActivity)
            .AddActivity<ReceiveReturnActivity>(ReturnToRefundNames.ReceiveReturnActivity)
            .AddActivity<RefundAtGatewayActivity>(ReturnToRefundNames.RefundAtGatewayActivity)
            .AddActivity<GetGatewayRefundActivity>(ReturnToRefundNames.GetGatewayRefundActivity)
            .AddActivity<CreateCreditNoteActivity>(ReturnToRefundNames.CreateCreditNoteActivity)
            .AddActivity<RegisterRefundActivity>(ReturnToRefundNames.RegisterRefundActivity)
            .AddActivity<StartExchangeActivity>(ReturnToRefundNames.StartExchangeActivity)
            .AddActivity<O2cActivities.RecordExceptionActivity>(ReturnToRefundNames.RecordExceptionActivity)
            .AddActivity<O2cActivities.ResolveExceptionActivity>(ReturnToRefundNames.ResolveExceptionActivity);
    }
}
