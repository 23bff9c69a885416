namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>An activity to run, as it travels through the work-item queue.</summary>
/// <param name="InstanceId">The instance that scheduled it.</param>
/// <param name="ExecutionId">The execution that scheduled it (results for another execution are dropped).</param>
/// <param name="TaskId">The step in the instance's history.</param>
/// <param name="Name">The registered activity name.</param>
/// <param name="Input">Input JSON.</param>
/// <param name="Attempt">The retry attempt, 1 for the first.</param>
public sealed record ActivityWorkItem(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input, int Attempt);
