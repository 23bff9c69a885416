using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

[Collection(MainTemplateCollection.Name)]
public sealed class ServiceBusTests(CompiledMainTemplate main)
{
    private readonly ArmTemplate _template = main.Template;

    [Fact]
    public void Namespace_refuses_shared_access_keys()
    {
        var ns = _template.One("Microsoft.ServiceBus/namespaces");

        Assert.True(ns.At("properties.disableLocalAuth")!.GetValue<bool>());
        Assert.Equal("1.2", ns.At("properties.minimumTlsVersion")!.GetValue<string>());
        Assert.Empty(_template.OfType("Microsoft.ServiceBus/namespaces/AuthorizationRules"));
        Assert.Empty(_template.OfType("Microsoft.ServiceBus/namespaces/queues/authorizationRules"));
    }

    [Fact]
    public void Tier_is_standard_or_premium_chosen_by_a_parameter()
    {
        var ns = _template.One("Microsoft.ServiceBus/namespaces");

        Assert.Equal("[parameters('serviceBusSku')]", ns.Trace(ns.At("sku.name")));
        var allowed = _template.Parameters["serviceBusSku"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Equal(["Standard", "Premium"], allowed);
    }

    [Fact]
    public void Events_queue_keeps_each_business_key_in_order_and_drops_duplicates()
    {
        var queue = _template.One("Microsoft.ServiceBus/namespaces/queues");

        Assert.True(queue.At("properties.requiresSession")!.GetValue<bool>());
        Assert.True(queue.At("properties.requiresDuplicateDetection")!.GetValue<bool>());
        Assert.Equal("[parameters('duplicateDetectionWindow')]", queue.Trace(queue.At("properties.duplicateDetectionHistoryTimeWindow")));
        Assert.Equal("[parameters('serviceBusMaxDeliveryCount')]", queue.Trace(queue.At("properties.maxDeliveryCount")));
        Assert.True(queue.At("properties.deadLetteringOnMessageExpiration")!.GetValue<bool>());
        Assert.Equal("[parameters('eventsQueueName')]", queue.Modules[^1]["properties"]!["parameters"]!["queueName"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Dispatcher_dead_letters_with_a_reason_before_the_broker_does()
    {
        var dispatcher = _template.Parameters["dispatchMaxDeliveryAttempts"]!["defaultValue"]!.GetValue<int>();
        var broker = _template.Parameters["serviceBusMaxDeliveryCount"]!["defaultValue"]!.GetValue<int>();

        Assert.True(dispatcher < broker, $"dispatcher {dispatcher} must be below the broker's {broker}.");
    }

    [Fact]
    public void Namespace_metrics_reach_log_analytics_for_the_queue_depth_chart()
    {
        var diagnostics = _template.OfType("Microsoft.Insights/diagnosticSettings")
            .Single(d => d.Modules[^1]["name"]!.GetValue<string>() == "service-bus");

        Assert.Contains(diagnostics.At("properties.metrics")!.AsArray(), m => m!["category"]!.GetValue<string>() == "AllMetrics");
    }
}
