using System.Text.Json.Nodes;
using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

public sealed class BicepCompilationTests
{
    [Fact]
    public async Task Main_bicep_compiles_without_warnings()
    {
        var build = await BicepCli.BuildAsync("main.bicep");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(string.IsNullOrWhiteSpace(build.StandardError), build.ToString());
        Assert.StartsWith("{", build.StandardOutput.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_bicep_lints_without_findings()
    {
        var lint = await BicepCli.LintAsync("main.bicep");

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardOutput + lint.StandardError), lint.ToString());
    }

    [Theory]
    [InlineData("env/dev.bicepparam")]
    [InlineData("env/prod.bicepparam")]
    public async Task Environment_parameter_files_compile_and_lint_without_findings(string file)
    {
        var build = await BicepCli.BuildParamsAsync(file, BicepCli.ExampleEnvironment);
        var lint = await BicepCli.LintAsync(file, BicepCli.ExampleEnvironment);

        Assert.True(build.ExitCode == 0 && string.IsNullOrWhiteSpace(build.StandardError), build.ToString());
        Assert.True(lint.ExitCode == 0 && string.IsNullOrWhiteSpace(lint.StandardOutput + lint.StandardError), lint.ToString());
    }

    [Fact]
    public async Task Parameter_file_without_the_odoo_settings_fails_to_compile_instead_of_deploying_a_broken_app()
    {
        var build = await BicepCli.BuildParamsAsync("env/prod.bicepparam", new Dictionary<string, string>());

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("ODOO_BASE_URL", build.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_configured_linter_rule_is_an_error()
    {
        var config = RepositoryFiles.ReadJson("infra/bicepconfig.json");
        var core = config["analyzers"]!["core"]!;
        var rules = core["rules"]!.AsObject();

        Assert.True(core["enabled"]!.GetValue<bool>());
        Assert.True(rules.Count >= 30, $"Only {rules.Count} rules configured.");
        Assert.All(rules, rule => Assert.Equal("error", rule.Value!["level"]!.GetValue<string>()));
        Assert.Contains("no-hardcoded-env-urls", rules.Select(r => r.Key));
        Assert.Contains("outputs-should-not-contain-secrets", rules.Select(r => r.Key));
    }

    [Fact]
    public async Task Linter_rejects_a_file_that_breaks_a_rule()
    {
        var directory = Directory.CreateTempSubdirectory("retailsync-bicep-");
        try
        {
            File.Copy(Path.Combine(BicepCli.InfraDirectory, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var file = Path.Combine(directory.FullName, "bad.bicep");
            await File.WriteAllTextAsync(file, "param unused string\nvar endpoint = 'https://management.azure.com/'\noutput endpoint string = endpoint\n");

            var lint = await BicepCli.LintAsync(file);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("no-unused-params", lint.StandardOutput + lint.StandardError, StringComparison.Ordinal);
            Assert.Contains("no-hardcoded-env-urls", lint.StandardOutput + lint.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Main_parameters_json_supplies_every_required_parameter_of_main_bicep_for_azd()
    {
        var parameters = RepositoryFiles.ReadJson("infra/main.parameters.json")["parameters"]!.AsObject();
        var mainSource = RepositoryFiles.ReadText("infra/main.bicep");
        var required = mainSource.Split('\n')
            .Where(line => line.StartsWith("param ", StringComparison.Ordinal) && !line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split(' ')[1])
            .ToList();

        Assert.Contains("environmentName", required);
        Assert.Contains("odooBaseUrl", required);
        Assert.All(required, name => Assert.True(parameters.ContainsKey(name), $"main.parameters.json lacks '{name}'."));
        Assert.Equal("${AZURE_ENV_NAME}", parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.All(parameters, p => Assert.IsType<JsonObject>(p.Value));
    }
}
