using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

[Collection(MainTemplateCollection.Name)]
public sealed class FunctionAppTests(CompiledMainTemplate main)
{
    private readonly ArmTemplate _template = main.Template;

    [Fact]
    public void Plan_is_flex_consumption_on_linux()
    {
        var plan = _template.One("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.At("sku.name")!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.At("sku.tier")!.GetValue<string>());
        Assert.True(plan.At("properties.reserved")!.GetValue<bool>());
    }

    [Fact]
    public void Site_runs_the_dotnet_10_isolated_worker_over_https_only()
    {
        var site = _template.One("Microsoft.Web/sites");

        Assert.Equal("functionapp,linux", site.At("kind")!.GetValue<string>());
        Assert.Equal("dotnet-isolated", site.Trace(site.At("properties.functionAppConfig.runtime.name")));
        Assert.Equal("10.0", site.Trace(site.At("properties.functionAppConfig.runtime.version")));
        Assert.True(site.At("properties.httpsOnly")!.GetValue<bool>());
        Assert.Equal("1.2", site.At("properties.siteConfig.minTlsVersion")!.GetValue<string>());
        Assert.Equal("Disabled", site.At("properties.siteConfig.ftpsState")!.GetValue<string>());
        Assert.Equal("api", site.Modules[^1]["properties"]!["parameters"]!["serviceName"]!["value"]!.GetValue<string>());
        Assert.Contains("'azd-service-name'", site.At("tags")!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_limits_and_http_concurrency_are_parameters_of_main()
    {
        var site = _template.One("Microsoft.Web/sites");
        var scale = "properties.functionAppConfig.scaleAndConcurrency";

        Assert.Equal("[parameters('functionMaximumInstanceCount')]", site.Trace(site.At($"{scale}.maximumInstanceCount")));
        Assert.Equal("[parameters('functionInstanceMemoryMB')]", site.Trace(site.At($"{scale}.instanceMemoryMB")));
        Assert.Equal("[parameters('httpPerInstanceConcurrency')]", site.Trace(site.At($"{scale}.triggers.http.perInstanceConcurrency")));
        Assert.Equal([512, 2048, 4096], _template.Parameters["functionInstanceMemoryMB"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal(1000, _template.Parameters["functionMaximumInstanceCount"]!["maxValue"]!.GetValue<int>());
    }

    [Fact]
    public void Http_and_durable_groups_have_always_ready_instances_set_by_parameters()
    {
        var site = _template.One("Microsoft.Web/sites");
        var api = _template.Module("api");

        Assert.Equal("[variables('alwaysReady')]", site.Modules[^1]["properties"]!["parameters"]!["alwaysReady"]!["value"]!.GetValue<string>());
        var alwaysReady = api.Properties["template"]!["variables"]!["alwaysReady"]!.GetValue<string>();
        Assert.Contains("'name', 'http', 'instanceCount', parameters('alwaysReadyHttpInstances')", alwaysReady, StringComparison.Ordinal);
        Assert.Contains("'name', 'durable', 'instanceCount', parameters('alwaysReadyDurableInstances')", alwaysReady, StringComparison.Ordinal);
        Assert.Equal("[parameters('alwaysReadyHttpInstances')]", api.Properties["parameters"]!["alwaysReadyHttpInstances"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('alwaysReadyDurableInstances')]", api.Properties["parameters"]!["alwaysReadyDurableInstances"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Deployment_package_is_read_with_the_user_assigned_identity()
    {
        var site = _template.One("Microsoft.Web/sites");
        var storage = "properties.functionAppConfig.deployment.storage";

        Assert.Equal("blobContainer", site.At($"{storage}.type")!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", site.At($"{storage}.authentication.type")!.GetValue<string>());
        Assert.Equal(site.Trace(site.At("properties.keyVaultReferenceIdentity")), site.Trace(site.At($"{storage}.authentication.userAssignedIdentityResourceId")));
        Assert.Null(site.At($"{storage}.authentication.storageAccountConnectionStringName"));
    }

    [Fact]
    public void Publishing_with_basic_credentials_is_disabled()
    {
        var policies = _template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p.At("properties.allow")!.GetValue<bool>()));
    }

    [Fact]
    public void App_is_deployed_after_its_roles_are_granted()
    {
        var api = _template.Module("api");

        Assert.Contains("rbac", api.Node["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void Every_resource_is_tagged_with_the_azd_environment()
    {
        var tags = _template.Root["variables"]!["tags"]!.AsObject();

        Assert.Equal("[parameters('environmentName')]", tags["azd-env-name"]!.GetValue<string>());
        Assert.All(
            _template.Resources.Where(r => !r.IsExisting && r.Node["location"] is not null && r.Type != "Microsoft.Resources/deployments"),
            r => Assert.True(r.Node["tags"] is not null, $"{r.Type} {r.Name} has no tags."));
    }

    [Fact]
    public void Resource_names_come_from_the_abbreviations_table_and_the_resource_token()
    {
        var names = _template.Root["variables"]!["names"]!.AsObject();
        var abbreviations = RepositoryFiles.ReadJson("infra/abbreviations.json");

        Assert.Equal("[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]", _template.Root["variables"]!["resourceToken"]!.GetValue<string>());
        Assert.All(names, n =>
        {
            var expression = n.Value!.GetValue<string>();
            Assert.Matches(@"^\[format\('\{0\}\{1\}', variables\('abbrs'\)\.(\w+), variables\('resourceToken'\)\)\]$", expression);
            var key = expression.Split("variables('abbrs').")[1].Split(',')[0];
            Assert.True(abbreviations.ContainsKey(key), $"abbreviations.json lacks {key}.");
        });
    }
}
