using System.Text.RegularExpressions;
using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

/// <summary>The settings the app reads in Azure (Bicep) and locally (the sample) stay the same list.</summary>
[Collection(MainTemplateCollection.Name)]
public sealed partial class SettingsDriftTests(CompiledMainTemplate main)
{
    /// <summary>Only in Azure: identity-based forms of what the sample gives as a local connection, and platform identity.</summary>
    private static readonly HashSet<string> AzureOnly =
    [
        "AzureWebJobsStorage__credential", // local: AzureWebJobsStorage=UseDevelopmentStorage=true
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "ServiceBusConnection__credential", // local: the developer's own identity (DefaultAzureCredential)
        "ServiceBusConnection__clientId",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", // local: telemetry off
        "AZURE_CLIENT_ID", // local: the developer's identity
        "Storage__BlobServiceUri", // local: Storage__ConnectionString (Azurite)
        "Storage__QueueServiceUri",
        "Storage__TableServiceUri",
    ];

    /// <summary>Only locally: Core Tools needs them; Flex Consumption forbids or replaces them.</summary>
    private static readonly HashSet<string> LocalOnly =
    [
        "AzureWebJobsStorage",
        "FUNCTIONS_WORKER_RUNTIME",
        "Storage__ConnectionString",
    ];

    private readonly IReadOnlyDictionary<string, string> _azure = AppSettings.FromTemplate(main.Template);
    private readonly IReadOnlyDictionary<string, string> _local = RepositoryFiles.SampleSettings();

    [Fact]
    public void Every_azure_setting_is_in_the_local_sample()
    {
        var missing = _azure.Keys.Except(AzureOnly).Except(_local.Keys).ToList();

        Assert.True(missing.Count == 0, $"Missing from local.settings.sample.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_local_setting_is_in_the_bicep_app_settings()
    {
        var missing = _local.Keys.Except(LocalOnly).Except(_azure.Keys).ToList();

        Assert.True(missing.Count == 0, $"Missing from the Bicep app settings (infra/app/api.bicep): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Exception_lists_name_only_settings_that_exist()
    {
        Assert.All(AzureOnly, name => Assert.True(_azure.ContainsKey(name) && !_local.ContainsKey(name), name));
        Assert.All(LocalOnly, name => Assert.True(_local.ContainsKey(name) && !_azure.ContainsKey(name), name));
    }

    [Fact]
    public void Secrets_point_to_the_same_key_vault_secret_in_both()
    {
        var secretNames = main.Template.Root["variables"]!["secretNames"]!.AsObject();
        var azure = _azure
            .Where(s => s.Value.StartsWith("[__bicep.keyVaultReference(", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => secretNames[s.Value.Split("variables('secretNames').")[1].TrimEnd(')', ']')]!.GetValue<string>());
        var local = _local
            .Where(s => s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => SecretName().Match(s.Value).Groups["name"].Value);

        Assert.Equal(azure.OrderBy(p => p.Key), local.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_setting_the_functions_shell_reads_is_deployed_and_in_the_sample()
    {
        var read = Directory.GetFiles(ShellSource.Directory, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => SettingConstant().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .Select(key => key.Replace(":", "__", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", read);
        Assert.Contains("Queues__Events", read);
        Assert.All(read, key =>
        {
            Assert.True(_azure.ContainsKey(key), $"{key} is read by the shell but not set in infra/app/api.bicep.");
            Assert.True(_local.ContainsKey(key) || AzureOnly.Contains(key), $"{key} is read by the shell but missing from local.settings.sample.json.");
        });
    }

    // public const string XSetting = "Section:Key"; in src/RetailSync.Functions
    [GeneratedRegex(@"const string \w*Setting\s*=\s*""(?<key>[^""]+)""")]
    private static partial Regex SettingConstant();

    [GeneratedRegex(@"/secrets/(?<name>[a-z0-9-]+)\)$")]
    private static partial Regex SecretName();
}
