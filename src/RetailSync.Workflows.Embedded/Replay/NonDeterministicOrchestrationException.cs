namespace RetailSync.Workflows.Embedded.Replay;

/// <summary>The orchestrator's code no longer produces the steps recorded in its history; the instance fails with this.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
