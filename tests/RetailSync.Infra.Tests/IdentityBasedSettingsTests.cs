using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

[Collection(MainTemplateCollection.Name)]
public sealed class IdentityBasedSettingsTests(CompiledMainTemplate main)
{
    private const string ClientId = "[parameters('identityClientId')]";

    // Forms a key or key-bearing connection string takes in a template or a settings file.
    private static readonly string[] KeyMarkers =
    [
        "AccountKey",
        "SharedAccessKey",
        "SharedAccessSignature",
        "DefaultEndpointsProtocol",
        "listKeys(",
        "listConnectionStrings(",
        "listAuthRules",
        "InstrumentationKey=",
        "primaryKey",
        "primaryConnectionString",
    ];

    private readonly ArmTemplate _template = main.Template;

    [Fact]
    public void Functions_host_storage_connects_with_the_managed_identity()
    {
        var settings = AppSettings.FromTemplate(_template);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(ClientId, settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('storageBlobEndpoint')]", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[parameters('storageQueueEndpoint')]", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[parameters('storageTableEndpoint')]", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "A plain AzureWebJobsStorage setting would be a connection string.");
    }

    [Fact]
    public void Service_bus_connects_with_the_managed_identity()
    {
        var settings = AppSettings.FromTemplate(_template);

        Assert.Equal("[parameters('serviceBusFullyQualifiedNamespace')]", settings["ServiceBusConnection__fullyQualifiedNamespace"]);
        Assert.Equal("managedidentity", settings["ServiceBusConnection__credential"]);
        Assert.Equal(ClientId, settings["ServiceBusConnection__clientId"]);
        Assert.False(settings.ContainsKey("ServiceBusConnection"));
    }

    [Fact]
    public void Telemetry_authenticates_with_entra_id_and_the_worker_knows_its_identity()
    {
        var settings = AppSettings.FromTemplate(_template);

        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("[parameters('applicationInsightsConnectionString')]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal(ClientId, settings["AZURE_CLIENT_ID"]);
    }

    [Fact]
    public void No_setting_that_flex_consumption_rejects_is_set()
    {
        var settings = AppSettings.FromTemplate(_template);

        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        Assert.All(settings.Keys, name => Assert.DoesNotContain(':', name));
    }

    [Fact]
    public void Compiled_template_contains_no_key_or_key_bearing_connection_string()
    {
        Assert.All(KeyMarkers, marker => Assert.DoesNotContain(marker, _template.Json, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Outputs_expose_no_connection_string()
    {
        var outputs = _template.Root["outputs"]!.AsObject();

        Assert.All(outputs, o => Assert.DoesNotContain("CONNECTION", o.Key, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("SERVICE_API_NAME", outputs.Select(o => o.Key));
    }

    [Fact]
    public void Settings_files_contain_no_key_or_key_bearing_connection_string()
    {
        var files = new[] { "local.settings.sample.json", "host.json", "infra/main.parameters.json", "infra/env/dev.bicepparam", "infra/env/prod.bicepparam" };

        Assert.All(files, file => Assert.All(KeyMarkers, marker =>
            Assert.DoesNotContain(marker, RepositoryFiles.ReadText(file), StringComparison.OrdinalIgnoreCase)));
    }
}
