using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Hosting;
using RetailSync.Infra.Tests.Support;
using RetailSync.Workflows.Registration;

namespace RetailSync.Infra.Tests;

/// <summary>The Functions shell and the libraries must not drift: every local route and every registered workflow has its function.</summary>
public sealed partial class ShellDriftTests : IAsyncLifetime
{
    private WebApplication? _local;

    public Task InitializeAsync()
    {
        // The local host's composition, without starting it: the same AddRetailSync and MapRetailSync, configured
        // with the Functions sample settings (Core Tools turns "__" into ":" the same way).
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(
            RepositoryFiles.SampleSettings().Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)));
        builder.AddRetailSync();
        _local = builder.Build();
        _local.MapRetailSync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }

    [Fact]
    public void Every_route_of_the_local_host_has_an_http_function_in_the_shell()
    {
        var local = LocalRoutes();
        var shell = ShellSource.Functions()
            .Where(f => f.Trigger == "HttpTrigger" && f.Route is not null)
            .SelectMany(f => f.HttpMethods.Select(m => $"{m} /api/{Normalize(f.Route!)}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(local);
        var missing = local.Except(shell).ToList();
        Assert.True(missing.Count == 0, $"Routes without an HTTP function in src/RetailSync.Functions: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_registered_workflow_and_activity_has_its_function_in_the_shell()
    {
        var registry = _local!.Services.GetService<WorkflowRegistry>();
        var shell = ShellSource.Functions();
        var orchestrators = shell.Where(f => f.Trigger == "OrchestrationTrigger").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var activities = shell.Where(f => f.Trigger == "ActivityTrigger").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        var expectedOrchestrators = registry?.Orchestrators.Select(r => r.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var expectedActivities = registry?.Activities.Select(r => r.Name).ToHashSet(StringComparer.Ordinal) ?? [];

        Assert.True(expectedOrchestrators.SetEquals(orchestrators),
            $"Workflows registered: [{string.Join(", ", expectedOrchestrators.Order())}]; orchestrator functions: [{string.Join(", ", orchestrators.Order())}]");
        Assert.True(expectedActivities.SetEquals(activities),
            $"Activities registered: [{string.Join(", ", expectedActivities.Order())}]; activity functions: [{string.Join(", ", activities.Order())}]");
    }

    [Fact]
    public void Shell_source_reader_finds_functions_and_their_routes()
    {
        var health = Assert.Single(ShellSource.Functions(), f => f.Name == "Health");

        Assert.Equal("HttpTrigger", health.Trigger);
        Assert.Equal(["GET"], health.HttpMethods);
        Assert.Equal("health", health.Route);
    }

    [Fact]
    public void Function_names_are_unique()
    {
        var duplicates = ShellSource.Functions().GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    private HashSet<string> LocalRoutes()
        => ((IEndpointRouteBuilder)_local!).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} /{Normalize(endpoint.RoutePattern.RawText!.TrimStart('/'))}"))
            .ToHashSet(StringComparer.Ordinal);

    // Route constraints and defaults differ in spelling between the hosts; the shape must not.
    private static string Normalize(string route) => RouteParameter().Replace(route.TrimEnd('/'), "{${name}}");

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
