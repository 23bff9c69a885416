using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

[Collection(MainTemplateCollection.Name)]
public sealed class KeyVaultTests(CompiledMainTemplate main)
{
    private static readonly string[] SecretSettings =
    [
        "Odoo__ApiKey",
        "Payments__Stripe__ApiKey",
    ];

    private readonly ArmTemplate _template = main.Template;

    [Fact]
    public void Vault_authorizes_with_rbac_and_cannot_be_purged()
    {
        var vault = _template.One("Microsoft.KeyVault/vaults");

        Assert.True(vault.At("properties.enableRbacAuthorization")!.GetValue<bool>());
        Assert.True(vault.At("properties.enableSoftDelete")!.GetValue<bool>());
        Assert.True(vault.At("properties.enablePurgeProtection")!.GetValue<bool>());
        Assert.Null(vault.At("properties.accessPolicies"));
        Assert.False(vault.At("properties.enabledForTemplateDeployment")!.GetValue<bool>());
    }

    [Fact]
    public void The_odoo_and_stripe_api_keys_are_key_vault_references()
    {
        var settings = AppSettings.FromTemplate(_template);
        var function = AppSettings.KeyVaultReferenceFunction(_template);

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", function, StringComparison.Ordinal);
        Assert.Contains("secrets/", function, StringComparison.Ordinal);
        Assert.All(SecretSettings, name =>
        {
            Assert.True(settings.TryGetValue(name, out var value), $"No app setting {name}.");
            Assert.StartsWith("[__bicep.keyVaultReference(parameters('keyVaultUri'), variables('secretNames').", value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Key_vault_references_resolve_with_the_user_assigned_identity()
    {
        var site = _template.One("Microsoft.Web/sites");

        var identity = site.Trace(site.At("properties.keyVaultReferenceIdentity"));
        Assert.Contains("reference('identity')", identity, StringComparison.Ordinal);
        Assert.Contains("outputs.id.value", identity, StringComparison.Ordinal);
        Assert.Equal("[parameters('identityId')]", site.At("properties.keyVaultReferenceIdentity")!.GetValue<string>());
        Assert.Equal("[format('{0}', parameters('identityId'))]", TheOnlyUserAssignedIdentity(site));
    }

    [Fact]
    public void Vault_names_exactly_the_referenced_secrets_and_the_webhook_secrets_the_app_reads_itself()
    {
        var secretNames = _template.Root["variables"]!["secretNames"]!.AsObject();
        var referenced = AppSettings.FromTemplate(_template).Values
            .Where(v => v.StartsWith("[__bicep.keyVaultReference(", StringComparison.Ordinal))
            .Select(v => v.Split("variables('secretNames').")[1].TrimEnd(')', ']'))
            .ToHashSet();
        var readByName = secretNames.Where(p => p.Value!.GetValue<string>().StartsWith("Webhooks--", StringComparison.Ordinal)).Select(p => p.Key);

        Assert.Equal(secretNames.Select(p => p.Key).ToHashSet(), referenced.Union(readByName).ToHashSet());
        Assert.Equal(
            "[map(items(variables('secretNames')), lambda('secret', lambdaVariables('secret').value))]",
            _template.Module("key-vault").Properties["parameters"]!["secretNames"]!["value"]!.GetValue<string>());
    }

    private static string TheOnlyUserAssignedIdentity(ArmResource site)
    {
        var identity = site.At("identity")!;
        Assert.Equal("UserAssigned", identity["type"]!.GetValue<string>());
        return Assert.Single(identity["userAssignedIdentities"]!.AsObject()).Key;
    }
}
