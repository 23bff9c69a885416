using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.OrderToCash.Options;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.Registration;

namespace RetailSync.OrderToCash.Tests.Wiring;

public sealed class AddOrderToCashTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Workflow_and_activities_land_in_the_runtime_registry_whichever_extension_runs_first()
    {
        var config = Config(new() { ["Workflows:Store"] = "InMemory" });
        var services = new ServiceCollection();
        services.AddEmbeddedWorkflowRuntime(config);
        services.AddOrderToCash(config);

        var registry = Assert.Single(services.Select(d => d.ImplementationInstance).OfType<WorkflowRegistry>());
        Assert.True(registry.TryGetOrchestrator(OrderToCashNames.Workflow, out _));
        Assert.True(registry.TryGetActivity(OrderToCashNames.RegisterPaymentActivity, out _));
        Assert.Equal(13, registry.Activities.Count(a => a.Name.StartsWith("OrderToCash.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Configuration_binds_policies_and_rejects_bad_values_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddOrderToCash(Config(new()
        {
            ["OrderToCash:InvoicePolicy"] = "OnDelivery",
            ["OrderToCash:TotalsTolerance"] = "0.10",
            ["OrderToCash:Gateways:shopify_payments"] = "shopify",
        }));
        var options = services.BuildServiceProvider().GetRequiredService<OrderToCashOptions>();
        Assert.Equal(InvoicePolicy.OnDelivery, options.InvoicePolicy);
        Assert.Equal(0.10m, options.TotalsTolerance);
        Assert.Equal("shopify", options.GatewayFor("SHOPIFY_PAYMENTS"));
        Assert.Equal("stripe", options.GatewayFor("stripe"));

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddOrderToCash(Config(new() { ["OrderToCash:TotalsTolerance"] = "-1" })));
        Assert.Contains("OrderToCash:TotalsTolerance", error.Message, StringComparison.Ordinal);
    }
}
