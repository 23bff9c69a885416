namespace RetailSync.Workflows.Client;

/// <summary>The outcome of scheduling: the instance id, and whether this call created it.</summary>
public sealed record ScheduleResult(string InstanceId, bool Created);
