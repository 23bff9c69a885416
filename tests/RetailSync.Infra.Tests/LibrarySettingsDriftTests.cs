using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetailSync.Dispatch;
using RetailSync.Hosting;
using RetailSync.Hosting.Secrets;
using RetailSync.Infra.Tests.Support;
using RetailSync.Ingestion;
using RetailSync.Odoo;
using RetailSync.OrderToCash;
using RetailSync.ReturnToRefund;

namespace RetailSync.Infra.Tests;

/// <summary>
/// What the libraries read (options sections, setting names, secret names) is what Azure (Bicep) and the local
/// sample provide; the sample is complete enough for the libraries' own validation.
/// </summary>
[Collection(MainTemplateCollection.Name)]
public sealed class LibrarySettingsDriftTests(CompiledMainTemplate main)
{
    /// <summary>Sections no function needs in Azure, with the reason.</summary>
    private static readonly Dictionary<string, string> NotInAzure = new(StringComparer.Ordinal)
    {
        ["Workflows"] = "the embedded workflow runtime; Durable Functions runs the workflows in Azure",
        ["Ledgers"] = "table names only; the defaults are the tables infra/ creates (checked below)",
    };

    private readonly IReadOnlyDictionary<string, string> _azure = AppSettings.FromTemplate(main.Template);
    private readonly IReadOnlyDictionary<string, string> _local = RepositoryFiles.SampleSettings();

    [Fact]
    public void Every_options_section_the_libraries_bind_is_set_in_azure_and_in_the_sample()
    {
        var sections = ShellSource.RetailSyncAssemblies()
            .SelectMany(a => a.GetExportedTypes())
            .Select(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true })
            .Select(f => (string)f!.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["Dispatch", "OrderToCash", "ReturnToRefund", "Payments", "Odoo", "Webhooks", "Ingestion", "Queues", "Storage"]), sections);
        Assert.All(sections.Except(NotInAzure.Keys), section =>
        {
            Assert.True(_azure.Keys.Any(k => k.StartsWith(section + "__", StringComparison.Ordinal)), $"No {section}__* setting in infra/app/api.bicep.");
            Assert.True(_local.Keys.Any(k => k.StartsWith(section + "__", StringComparison.Ordinal)), $"No {section}__* setting in local.settings.sample.json.");
        });
    }

    [Fact]
    public void Settings_the_hosting_library_names_are_deployed_and_in_the_sample()
    {
        foreach (var key in new[] { RetailSyncHostingExtensions.KeyVaultUriKey, RetailSyncHostingExtensions.ApplicationInsightsKey })
        {
            var setting = key.Replace(":", "__", StringComparison.Ordinal);
            Assert.True(_azure.ContainsKey(setting), $"{setting} is read by RetailSync.Hosting but not set in infra/app/api.bicep.");
            Assert.True(_local.ContainsKey(setting), $"{setting} is read by RetailSync.Hosting but missing from local.settings.sample.json.");
        }
    }

    [Fact]
    public void Webhook_secrets_in_the_vault_have_the_names_the_ingestion_library_reads()
    {
        // Shopify's are per shop (Webhooks:Shopify:Shops:<domain>:Secrets) and set per shop, not by infra/.
        var expected = WebhookSources.All
            .Where(source => source != WebhookSources.Shopify)
            .Select(source => KeyVaultSecretStore.ToSecretName(WebhookOptions.SecretsName(source)))
            .ToHashSet(StringComparer.Ordinal);
        var named = main.Template.Root["variables"]!["secretNames"]!.AsObject()
            .Select(p => p.Value!.GetValue<string>())
            .Where(name => name.StartsWith("Webhooks--", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(expected.Order(), named.Order());
        Assert.DoesNotContain(_azure.Keys, k => k.StartsWith("Webhooks__", StringComparison.Ordinal) && k.EndsWith("__Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void The_libraries_accept_the_sample_settings()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_local.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddOrderToCash(configuration); // validates OrderToCash:* as it binds
        services.AddReturnToRefund(configuration); // validates ReturnToRefund:* as it binds
        services.AddRetailSyncDispatch(configuration);
        services.AddOdooClient(configuration);
        using var provider = services.BuildServiceProvider();

        var dispatch = provider.GetRequiredService<IOptions<DispatchOptions>>().Value; // runs the Dispatch validators
        var odoo = provider.GetRequiredService<IOptions<OdooClientOptions>>().Value;

        Assert.False(dispatch.PumpEnabled);
        Assert.False(dispatch.SweepEnabled);
        Assert.NotNull(odoo.BaseUrl);
        Assert.NotEmpty(odoo.Database);
        Assert.NotNull(provider.GetRequiredService<OdooClient>());
    }

    [Fact]
    public void The_ledger_tables_infra_creates_are_the_ledgers_library_defaults()
    {
        var defaults = new RetailSync.Ledgers.LedgerOptions();
        var created = main.Template.Parameters["ledgerTableNames"]!["defaultValue"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Equal(
            new[] { defaults.EventsTable, defaults.CrossReferencesTable, defaults.ExceptionsTable, defaults.AuditTable, defaults.UnroutedTable }.Order(),
            created.Order());
    }
}
