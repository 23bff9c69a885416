namespace RetailSync.Workflows.TestHost;

/// <summary>Which step of which instance an activity call is.</summary>
public sealed record StepInput(string InstanceId, int Step);
