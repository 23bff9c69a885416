namespace RetailSync.Infra.Tests.Support;

/// <summary>
/// One function of the Functions shell as declared in source. <paramref name="InputType"/> is the C# type the
/// function binds its activity input as (<c>[ActivityTrigger] T</c>) or reads its orchestration input as
/// (<c>RunOrchestratorAsync&lt;T&gt;</c>), spelled as in source; null for other triggers.
/// </summary>
public sealed record ShellFunction(string Name, string Trigger, IReadOnlyList<string> HttpMethods, string? Route, string File, string? InputType = null);
