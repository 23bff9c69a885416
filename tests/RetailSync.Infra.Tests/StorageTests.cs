using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

[Collection(MainTemplateCollection.Name)]
public sealed class StorageTests(CompiledMainTemplate main)
{
    private readonly ArmTemplate _template = main.Template;

    [Fact]
    public void Storage_account_accepts_only_entra_id_over_tls_1_2_and_no_public_blobs()
    {
        var storage = _template.One("Microsoft.Storage/storageAccounts");

        Assert.False(storage.At("properties.allowSharedKeyAccess")!.GetValue<bool>());
        Assert.False(storage.At("properties.allowBlobPublicAccess")!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage.At("properties.minimumTlsVersion")!.GetValue<string>());
        Assert.True(storage.At("properties.supportsHttpsTrafficOnly")!.GetValue<bool>());
        Assert.True(storage.At("properties.defaultToOAuthAuthentication")!.GetValue<bool>());
    }

    [Fact]
    public void Blob_containers_are_private()
    {
        var containers = _template.One("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", containers.At("properties.publicAccess")!.GetValue<string>());
    }

    [Fact]
    public void Storage_holds_the_package_container_the_events_queue_and_the_ledger_tables()
    {
        var module = _template.Module("storage");
        var parameters = module.Properties["parameters"]!;

        var containers = parameters["containerNames"]!["value"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("[variables('deploymentContainerName')]", containers);
        Assert.Equal("app-package", _template.Root["variables"]!["deploymentContainerName"]!.GetValue<string>());

        Assert.Equal("[parameters('eventsQueueName')]", parameters["queueNames"]!["value"]![0]!.GetValue<string>());
        Assert.Equal("retail-events", _template.Parameters["eventsQueueName"]!["defaultValue"]!.GetValue<string>());

        Assert.Equal("[parameters('ledgerTableNames')]", parameters["tableNames"]!["value"]!.GetValue<string>());
        Assert.NotEmpty(_template.Parameters["ledgerTableNames"]!["defaultValue"]!.AsArray());
    }
}
