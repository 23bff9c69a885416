namespace RetailSync.Infra.Tests.Support;

/// <summary>Compiles <c>infra/main.bicep</c> once for a test class (xunit class fixture).</summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    private ArmTemplate? _template;
    private ProcessResult? _build;

    public ProcessResult Build => _build ?? throw new InvalidOperationException("Not compiled yet.");

    public ArmTemplate Template => _template ?? throw new InvalidOperationException($"main.bicep did not compile:\n{Build}");

    public async Task InitializeAsync()
    {
        _build = await BicepCli.BuildAsync("main.bicep");
        if (_build.ExitCode == 0)
        {
            _template = new ArmTemplate(_build.StandardOutput);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
