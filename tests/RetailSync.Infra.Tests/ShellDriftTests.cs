using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailSync.Hosting;
using RetailSync.Infra.Tests.Support;
using RetailSync.Ops;
using RetailSync.Workflows.Orchestration;
using RetailSync.Workflows.Registration;

namespace RetailSync.Infra.Tests;

/// <summary>
/// The Functions shell and the libraries must not drift: every local route and every registered workflow and
/// activity has its function, and every workflow function binds the input type its workflow or activity takes.
/// </summary>
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
        builder.Services.AddRetailSyncOps(builder.Configuration); // the handlers the ops routes bind (TryAdd: harmless once AddRetailSync has them)
        _local = builder.Build();
        _local.MapRetailSync();
        if (!LocalRoutes().Any(r => r.Contains(" /api/ops/", StringComparison.Ordinal)))
        {
            // The ops routes, until AddRetailSync/MapRetailSync compose them.
            _local.MapRetailSyncOps();
        }

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
        var shell = ShellRoutes();

        Assert.Contains("POST /api/webhooks/{source}", local);
        Assert.Contains("POST /api/ops/workflows/{instanceId}/resolve", local);
        var missing = local.Except(shell).ToList();
        Assert.True(missing.Count == 0, $"Routes without an HTTP function in src/RetailSync.Functions: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_http_function_of_the_shell_is_a_route_of_the_local_host()
    {
        var extra = ShellRoutes().Except(LocalRoutes()).ToList();

        Assert.True(extra.Count == 0, $"HTTP functions the local host does not serve (add the route to the libraries): {string.Join(", ", extra)}");
    }

    [Fact]
    public void Every_registered_workflow_and_activity_has_its_function_in_the_shell()
    {
        var registry = LibraryRegistry();
        var shell = ShellSource.Functions();
        var orchestrators = shell.Where(f => f.Trigger == "OrchestrationTrigger").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var activities = shell.Where(f => f.Trigger == "ActivityTrigger").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        var expectedOrchestrators = registry.Orchestrators.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var expectedActivities = registry.Activities.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("OrderToCash", expectedOrchestrators);
        Assert.True(expectedOrchestrators.SetEquals(orchestrators),
            $"Workflows registered: [{string.Join(", ", expectedOrchestrators.Order())}]; orchestrator functions: [{string.Join(", ", orchestrators.Order())}]");
        Assert.True(expectedActivities.SetEquals(activities),
            $"Activities registered: [{string.Join(", ", expectedActivities.Order())}]; activity functions: [{string.Join(", ", activities.Order())}]");
    }

    [Fact]
    public void Every_workflow_function_binds_the_input_type_of_its_registration()
    {
        var registry = LibraryRegistry();
        var registrations = registry.Orchestrators.Concat(registry.Activities).ToDictionary(r => (r.Kind, r.Name));

        Assert.All(ShellSource.Functions().Where(f => f.Trigger is "OrchestrationTrigger" or "ActivityTrigger"), function =>
        {
            var kind = function.Trigger == "ActivityTrigger" ? WorkflowRegistrationKind.Activity : WorkflowRegistrationKind.Orchestrator;
            Assert.True(registrations.TryGetValue((kind, function.Name), out var registration), $"{function.Name} ({function.File}) is not registered.");
            Assert.NotNull(function.InputType);
            Assert.Equal(CSharpName(InputTypeOf(registration!.ImplementationType)), Spelling(function.InputType!));
        });
    }

    [Fact]
    public void Shell_source_reader_finds_functions_names_routes_and_inputs()
    {
        var functions = ShellSource.Functions();
        var health = Assert.Single(functions, f => f.Name == "Health");
        var orderToCash = Assert.Single(functions, f => f.Name == "OrderToCash");
        var loadPolicy = Assert.Single(functions, f => f.Name == "OrderToCash.LoadPolicy");

        Assert.Equal("HttpTrigger", health.Trigger);
        Assert.Equal(["GET"], health.HttpMethods);
        Assert.Equal("health", health.Route);
        Assert.Equal(("OrchestrationTrigger", "RoutedWorkflowInput"), (orderToCash.Trigger, orderToCash.InputType));
        Assert.Equal(("ActivityTrigger", "string?"), (loadPolicy.Trigger, loadPolicy.InputType));
        Assert.Contains(functions, f => f.Trigger == "ServiceBusTrigger");
        Assert.Contains(functions, f => f.Trigger == "TimerTrigger");
    }

    [Fact]
    public void Function_names_are_unique()
    {
        var duplicates = ShellSource.Functions().GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void An_unknown_constant_as_function_name_is_an_error_not_a_silent_skip()
    {
        Assert.Equal("OrderToCash", ShellSource.ResolveConstant("OrderToCashNames.Workflow"));
        Assert.Throws<InvalidOperationException>(() => ShellSource.ResolveConstant("OrderToCashNames.NoSuchWorkflow"));
    }

    /// <summary>
    /// The workflows AddRetailSync registers plus those every library registers through its public static
    /// <c>Register(WorkflowRegistry)</c> (the convention of OrderToCashServiceCollectionExtensions), so a workflow
    /// library counts before the coordinator composes it.
    /// </summary>
    private WorkflowRegistry LibraryRegistry()
    {
        var registry = new WorkflowRegistry();
        var composed = _local!.Services.GetService<WorkflowRegistry>();
        foreach (var registration in composed?.Orchestrators.Concat(composed.Activities) ?? [])
        {
            typeof(WorkflowRegistry).GetMethod(registration.Kind == WorkflowRegistrationKind.Orchestrator ? "AddOrchestrator" : "AddActivity")!
                .MakeGenericMethod(registration.ImplementationType)
                .Invoke(registry, [registration.Name]);
        }

        var registerMethods = ShellSource.RetailSyncAssemblies()
            .SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name == "Register" && m.ReturnType == typeof(WorkflowRegistry)
                        && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(WorkflowRegistry))
            .ToList();
        Assert.NotEmpty(registerMethods);
        foreach (var register in registerMethods)
        {
            register.Invoke(null, [registry]);
        }

        return registry;
    }

    private HashSet<string> LocalRoutes()
        => ((IEndpointRouteBuilder)_local!).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} /{Normalize(endpoint.RoutePattern.RawText!.TrimStart('/'))}"))
            .ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> ShellRoutes()
        => ShellSource.Functions()
            .Where(f => f.Trigger == "HttpTrigger" && f.Route is not null)
            .SelectMany(f => f.HttpMethods.Select(m => $"{m} /api/{Normalize(f.Route!)}"))
            .ToHashSet(StringComparer.Ordinal);

    private static Type InputTypeOf(Type implementation)
    {
        for (var type = implementation; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Activity<,>) || type.GetGenericTypeDefinition() == typeof(Orchestrator<,>)))
            {
                return type.GenericTypeArguments[0];
            }
        }

        throw new InvalidOperationException($"{implementation} derives from neither Activity<,> nor Orchestrator<,>.");
    }

    private static string CSharpName(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "long",
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(object) => "object",
        { IsGenericType: true } => $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", type.GenericTypeArguments.Select(CSharpName))}>",
        _ => type.Name,
    };

    // Source spelling without nullable annotations (not part of the runtime type), whitespace or namespaces.
    private static string Spelling(string source) => QualifiedName().Replace(source.Replace(" ", "", StringComparison.Ordinal).Replace("?", "", StringComparison.Ordinal), "");

    // Route constraints and defaults differ in spelling between the hosts; the shape must not.
    private static string Normalize(string route) => RouteParameter().Replace(route.TrimEnd('/'), "{${name}}");

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\.")]
    private static partial Regex QualifiedName();
}
