using System.Text.Json.Nodes;
using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

[Collection(MainTemplateCollection.Name)]
public sealed class MonitoringTests(CompiledMainTemplate main)
{
    private readonly ArmTemplate _template = main.Template;

    [Fact]
    public void Application_insights_and_log_analytics_accept_only_entra_id()
    {
        var insights = _template.One("Microsoft.Insights/components");
        var workspace = _template.One("Microsoft.OperationalInsights/workspaces");

        Assert.True(insights.At("properties.DisableLocalAuth")!.GetValue<bool>());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.At("properties.WorkspaceResourceId")!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(workspace.At("properties.features.disableLocalAuth")!.GetValue<bool>());
    }

    [Fact]
    public void Any_dead_lettered_event_raises_an_alert()
    {
        var alert = _template.One("Microsoft.Insights/metricAlerts");
        var criterion = Assert.Single(alert.At("properties.criteria.allOf")!.AsArray())!;

        Assert.Equal("DeadletteredMessages", criterion["metricName"]!.GetValue<string>());
        Assert.Equal("GreaterThan", criterion["operator"]!.GetValue<string>());
        Assert.Equal(0, criterion["threshold"]!.GetValue<int>());
        Assert.Equal("EntityName", criterion["dimensions"]![0]!["name"]!.GetValue<string>());
        Assert.Contains("reference('serviceBus').outputs.id.value", alert.Trace(alert.At("properties.scopes")![0]), StringComparison.Ordinal);
        Assert.NotEmpty(alert.At("properties.actions")!.AsArray());
    }

    [Theory]
    [InlineData("failed-orchestrations", "prop__state) == \"Failed\"")]
    [InlineData("ingest-5xx", "toint(resultCode) >= 500")]
    [InlineData("odoo-breaker-open", "OnCircuitOpened")]
    [InlineData("odoo-breaker-open", "\"retailsync.odoo.circuit.transitions\" and tostring(customDimensions[\"state\"]) == \"opened\"")]
    public void Log_alerts_watch_failed_workflows_ingest_errors_and_the_odoo_breaker(string suffix, string queryFragment)
    {
        var rules = _template.One("Microsoft.Insights/scheduledQueryRules");
        var definitions = rules.Modules[^1]["properties"]!["template"]!["variables"]!["logAlerts"]!.AsArray();

        var definition = definitions.Single(d => d!["suffix"]!.GetValue<string>() == suffix)!;
        Assert.Contains(queryFragment, definition["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("summarize " + definition["column"]!.GetValue<string>(), definition["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("GreaterThan", rules.At("properties.criteria.allOf")![0]!["operator"]!.GetValue<string>());
        Assert.Equal("LogAlert", rules.At("kind")!.GetValue<string>());
        Assert.NotEmpty(rules.At("properties.actions.actionGroups")!.AsArray());
    }

    [Fact]
    public void Operators_workbook_shows_states_exceptions_refunds_queue_depth_and_odoo_latency()
    {
        var workbook = RepositoryFiles.ReadJson("infra/core/monitor/ops-workbook.json");
        var queries = workbook["items"]!.AsArray()
            .Where(i => i!["type"]!.GetValue<int>() == 3)
            .ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!["content"]!.AsObject());

        Assert.Equal(["instances-by-state", "parked-exceptions", "refunds-pending", "queue-depth", "odoo-latency"], queries.Keys);
        Assert.All(queries.Values, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q["query"]!.GetValue<string>()));
            Assert.Equal("TimeRange", q["timeContextFromParameter"]!.GetValue<string>());
        });
        Assert.Contains("DeadletteredMessages", queries["queue-depth"]["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("__ODOO_HOST__", queries["odoo-latency"]["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Workbook_deploys_the_checked_in_definition()
    {
        var workbook = _template.One("Microsoft.Insights/workbooks");
        var variables = workbook.Modules[^1]["properties"]!["template"]!["variables"]!;
        // loadJsonContent() lands in a compiler-named variable that 'content' points to.
        var loaded = variables["content"]!.GetValue<string>();
        Assert.Matches(@"^\[variables\('[^']+'\)\]$", loaded);
        var deployed = variables[loaded["[variables('".Length..^"')]".Length]]!;

        Assert.True(JsonNode.DeepEquals(RepositoryFiles.ReadJson("infra/core/monitor/ops-workbook.json"), deployed));
        Assert.Contains("'__ODOO_HOST__'", workbook.At("properties.serializedData")!.GetValue<string>(), StringComparison.Ordinal);
    }
}
