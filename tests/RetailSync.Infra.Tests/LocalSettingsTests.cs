using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

public sealed class LocalSettingsTests
{
    private readonly IReadOnlyDictionary<string, string> _settings = RepositoryFiles.SampleSettings();

    [Fact]
    public void Sample_runs_the_isolated_worker_on_azurite()
    {
        Assert.Equal("UseDevelopmentStorage=true", _settings["AzureWebJobsStorage"]);
        Assert.Equal("UseDevelopmentStorage=true", _settings["Storage__ConnectionString"]);
        Assert.Equal("dotnet-isolated", _settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("retail-events", _settings["Queues__Events"]);
        Assert.False(RepositoryFiles.ReadJson("local.settings.sample.json")["IsEncrypted"]!.GetValue<bool>());
    }

    [Fact]
    public void Secrets_are_shown_in_key_vault_reference_form()
    {
        var secrets = _settings.Where(s => s.Key.EndsWith("__Secret", StringComparison.Ordinal) || s.Key.EndsWith("__Secrets", StringComparison.Ordinal)
                                           || s.Key.EndsWith("__ApiKey", StringComparison.Ordinal)).ToList();

        // Webhook signing secrets are read from the vault by name (KeyVault__Uri), not from settings.
        Assert.Equal(["Odoo__ApiKey", "Payments__Stripe__ApiKey"], secrets.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(secrets, s => Assert.Matches(@"^@Microsoft\.KeyVault\(SecretUri=https://[^/]+\.vault\.azure\.net/secrets/[a-z0-9-]+\)$", s.Value));
        Assert.StartsWith("https://", _settings["KeyVault__Uri"], StringComparison.Ordinal);
    }

    [Fact]
    public void Service_bus_is_reached_with_the_developers_identity_not_a_key()
    {
        Assert.EndsWith(".servicebus.windows.net", _settings["ServiceBusConnection__fullyQualifiedNamespace"], StringComparison.Ordinal);
        Assert.False(_settings.ContainsKey("ServiceBusConnection"));
    }

    [Fact]
    public void Real_local_settings_are_never_committed()
    {
        Assert.Contains("local.settings.json", RepositoryFiles.ReadText(".gitignore").Split('\n').Select(l => l.Trim()));
    }
}
