namespace RetailSync.Infra.Tests.Support;

/// <summary>One function of the Functions shell as declared in source.</summary>
public sealed record ShellFunction(string Name, string Trigger, IReadOnlyList<string> HttpMethods, string? Route, string File);
