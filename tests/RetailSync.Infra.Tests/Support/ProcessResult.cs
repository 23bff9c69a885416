namespace RetailSync.Infra.Tests.Support;

/// <summary>What a finished tool process wrote and returned.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
