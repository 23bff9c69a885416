using System.Reflection;
using RetailSync.Testing;

namespace RetailSync.Infra.Tests.Support;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64), so every machine compiles with the same version.</summary>
public static class BicepCli
{
    public static string InfraDirectory => Path.Combine(RepositoryPaths.Root, "infra");

    /// <summary>Example values for the parameter files' readEnvironmentVariable() calls.</summary>
    public static IReadOnlyDictionary<string, string> ExampleEnvironment { get; } = new Dictionary<string, string>
    {
        ["ODOO_BASE_URL"] = "https://example.odoo.com",
        ["ODOO_DATABASE"] = "example",
        ["ODOO_LOGIN"] = "ci@example.com",
    };

    public static string ExecutablePath { get; } = FindExecutable();

    public static Task<ProcessResult> BuildAsync(string relativePath)
        => RunAsync(["build", relativePath, "--stdout"]);

    public static Task<ProcessResult> LintAsync(string relativePath, IReadOnlyDictionary<string, string>? environment = null)
        => RunAsync(["lint", relativePath], environment);

    public static Task<ProcessResult> BuildParamsAsync(string relativePath, IReadOnlyDictionary<string, string>? environment)
        => RunAsync(["build-params", relativePath, "--stdout"], environment);

    private static Task<ProcessResult> RunAsync(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
        => ToolProcess.RunAsync(ExecutablePath, arguments, InfraDirectory, environment);

    private static string FindExecutable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at '{path}'. Restore tests/RetailSync.Infra.Tests (package Azure.Bicep.CommandLine.linux-x64).");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }

        return path;
    }
}
