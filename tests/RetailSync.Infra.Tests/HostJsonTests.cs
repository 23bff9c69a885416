using System.Globalization;
using System.Text.Json.Nodes;
using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

public sealed class HostJsonTests
{
    private readonly JsonObject _host = RepositoryFiles.ReadJson("host.json");

    [Fact]
    public void Host_is_functions_v4_with_a_bounded_function_timeout()
    {
        Assert.Equal("2.0", _host["version"]!.GetValue<string>());
        var timeout = TimeSpan.Parse(_host["functionTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(timeout, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void Sampling_never_drops_requests_or_exceptions()
    {
        var sampling = _host["logging"]!["applicationInsights"]!["samplingSettings"]!;
        var excluded = sampling["excludedTypes"]!.GetValue<string>().Split(';', StringSplitOptions.TrimEntries);

        Assert.True(sampling["isEnabled"]!.GetValue<bool>());
        Assert.Contains("Request", excluded);
        Assert.Contains("Exception", excluded);
    }

    [Fact]
    public void Durable_tracking_is_logged_for_the_failed_orchestration_alert()
    {
        var levels = _host["logging"]!["logLevel"]!.AsObject();

        Assert.Equal("Information", levels["Host.Triggers.DurableTask"]!.GetValue<string>());
    }

    [Fact]
    public void Service_bus_sessions_are_processed_one_message_at_a_time_with_lock_renewal()
    {
        var serviceBus = _host["extensions"]!["serviceBus"]!;

        Assert.InRange(serviceBus["maxConcurrentCalls"]!.GetValue<int>(), 1, 64);
        Assert.InRange(serviceBus["maxConcurrentSessions"]!.GetValue<int>(), 1, 64);
        Assert.Equal(1, serviceBus["maxConcurrentCallsPerSession"]!.GetValue<int>());
        Assert.InRange(serviceBus["prefetchCount"]!.GetValue<int>(), 0, 100);
        Assert.False(serviceBus["autoCompleteMessages"]!.GetValue<bool>());
        var renewal = TimeSpan.Parse(serviceBus["maxAutoLockRenewalDuration"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(renewal >= TimeSpan.FromMinutes(1), "Lock renewal must outlast the queue's 1-minute lock.");
        var timeout = TimeSpan.Parse(_host["functionTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(renewal <= timeout, "Renewing a lock longer than a function may run only hides stuck messages.");
    }

    [Fact]
    public void Durable_task_hub_uses_azure_storage_through_the_identity_based_connection()
    {
        var durable = _host["extensions"]!["durableTask"]!;

        Assert.False(string.IsNullOrWhiteSpace(durable["hubName"]!.GetValue<string>()));
        Assert.Equal("AzureStorage", durable["storageProvider"]!["type"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", durable["storageProvider"]!["connectionName"]!.GetValue<string>());
        Assert.InRange(durable["maxConcurrentOrchestratorFunctions"]!.GetValue<int>(), 1, 100);
        Assert.False(durable["tracing"]!["traceInputsAndOutputs"]!.GetValue<bool>());
    }

    [Fact]
    public void Activities_per_instance_are_few_enough_to_protect_odoo()
    {
        var activities = _host["extensions"]!["durableTask"]!["maxConcurrentActivityFunctions"]!.GetValue<int>();

        Assert.InRange(activities, 4, 8);
    }

    [Fact]
    public void Http_routes_live_under_api_like_the_local_host()
    {
        Assert.Equal("api", _host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }
}
