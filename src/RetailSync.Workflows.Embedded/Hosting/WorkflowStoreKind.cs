namespace RetailSync.Workflows.Embedded.Hosting;

/// <summary>Which store the embedded runtime uses.</summary>
public enum WorkflowStoreKind
{
    /// <summary>Azure Storage Tables and Queues (Azurite locally): durable, what hosts use.</summary>
    AzureStorage,

    /// <summary>Process memory: fast and lost on exit; for unit tests.</summary>
    InMemory,
}
