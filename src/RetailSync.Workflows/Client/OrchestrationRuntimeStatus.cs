namespace RetailSync.Workflows.Client;

/// <summary>Lifecycle of an instance (same names and meaning as Durable's).</summary>
public enum OrchestrationRuntimeStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    ContinuedAsNew = 3,
    Failed = 4,
    Terminated = 5,
    Suspended = 6,
}
